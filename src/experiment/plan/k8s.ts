/**
 * Kubernetes output of a sweep plan: an Indexed Job (JOB_COMPLETION_INDEX is
 * the shard index, per-index retries), a merge Job that waits for every
 * shard, and a PersistentVolumeClaim for the shared results volume.
 */
import { join } from 'node:path';
import YAML from 'yaml';
import { K8S_RESULTS_MOUNT, type Plan } from './plan.ts';
import { PlanError } from './errors.ts';
import { dnsLabel, shq, slurmMemToK8s, slurmTimeToSeconds } from './syntax.ts';
import { completeTest } from './status.ts';

export interface K8sFiles {
  shardsJob: string;
  mergeJob: string;
  pvc?: string;
}

export function k8sFilePaths(plan: Plan): K8sFiles {
  const dir = join(plan.outDir, 'k8s');
  return {
    shardsJob: join(dir, 'shards-job.yaml'),
    mergeJob: join(dir, 'merge-job.yaml'),
    pvc: plan.pvc ? undefined : join(dir, 'pvc.yaml'),
  };
}

function claimName(plan: Plan): string {
  return plan.pvc ?? `${plan.k8sName}-results`;
}

function k8sMeta(plan: Plan, name: string, component: string): Record<string, unknown> {
  const meta: Record<string, unknown> = {
    name,
    labels: {
      'app.kubernetes.io/name': 'collabsim',
      'app.kubernetes.io/component': component,
      'collabsim/sweep': dnsLabel(plan.sweepName, 63),
    },
  };
  if (plan.namespace) meta.namespace = plan.namespace;
  return meta;
}

function k8sResultsRoot(plan: Plan): string {
  return `${K8S_RESULTS_MOUNT}/${dnsLabel(plan.sweepName, 63)}`;
}

function k8sVolume(plan: Plan) {
  return {
    volumes: [{ name: 'results', persistentVolumeClaim: { claimName: claimName(plan) } }],
    mount: [{ name: 'results', mountPath: K8S_RESULTS_MOUNT }],
  };
}

function k8sCli(plan: Plan): string {
  return `node ${plan.containerHome.replace(/\/+$/, '')}/bin/collabsim.mjs`;
}

/** The shell run by each pod of the Indexed Job. */
function k8sShardCommand(plan: Plan): string {
  const root = k8sResultsRoot(plan);
  if (!plan.containerSweepFile) {
    throw new PlanError(
      `sweep file ${plan.sweepFile} is outside the current directory, so its path inside the image is unknown; ` +
        'run the plan from the collabsim checkout or pass --container-sweep-file',
    );
  }
  return [
    'set -eu',
    `dir="${root}/shard-$JOB_COMPLETION_INDEX"`,
    `if ${completeTest('$dir')}; then`,
    `  echo "collabsim: shard $JOB_COMPLETION_INDEX/${plan.shards} already complete; skipping"`,
    '  exit 0',
    'fi',
    'resume=""',
    'if [ -f "$dir/manifest.json" ] || [ -f "$dir/state/sweep.json" ]; then resume="--resume"; fi',
    `exec ${k8sCli(plan)} sweep ${shq(plan.containerSweepFile)} --shard "\${JOB_COMPLETION_INDEX}/${plan.shards}" --workers ${plan.workersPerTask} --out "$dir" $resume`,
  ].join('\n');
}

/** The shell of the merge Job's init container: wait until every shard is complete. */
function k8sWaitCommand(plan: Plan): string {
  const root = k8sResultsRoot(plan);
  return [
    'set -eu',
    'while :; do',
    '  done_count=0',
    `  i=0; while [ "$i" -lt ${plan.shards} ]; do`,
    `    if ${completeTest(`${root}/shard-$i`)}; then done_count=$((done_count + 1)); fi`,
    '    i=$((i + 1))',
    '  done',
    `  echo "collabsim: $done_count of ${plan.shards} shards complete"`,
    `  [ "$done_count" -eq ${plan.shards} ] && break`,
    '  sleep 30',
    'done',
  ].join('\n');
}

/** The merge container's shell. */
function k8sMergeCommand(plan: Plan): string {
  const root = k8sResultsRoot(plan);
  const dirs = Array.from({ length: plan.shards }, (_, i) => `${root}/shard-${i}`);
  // Long lists are built in the shell rather than spelled out.
  const dirArgs = plan.shards <= 16 ? dirs.join(' ') : '$dirs';
  const build = plan.shards <= 16 ? [] : [`dirs=""; i=0; while [ "$i" -lt ${plan.shards} ]; do dirs="$dirs ${root}/shard-$i"; i=$((i + 1)); done`];
  return ['set -eu', ...build, `exec ${k8sCli(plan)} merge ${dirArgs} --out ${root}/merged`].join('\n');
}

function resources(cpu: number, mem: string) {
  const m = slurmMemToK8s(mem);
  return { requests: { cpu: String(cpu), memory: m }, limits: { cpu: String(cpu), memory: m } };
}

function k8sEnv(plan: Plan) {
  return [
    { name: 'COLLABSIM_HOME', value: plan.containerHome },
    { name: 'COLLABSIM_SHARDS', value: String(plan.shards) },
  ];
}

function podLabels(component: string) {
  return { labels: { 'app.kubernetes.io/name': 'collabsim', 'app.kubernetes.io/component': component } };
}

/** The Indexed Job: pod i runs shard i. */
function shardsJob(plan: Plan): object {
  const vol = k8sVolume(plan);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: k8sMeta(plan, `${plan.k8sName}-shards`, 'shards'),
    spec: {
      completionMode: 'Indexed',
      completions: plan.shards,
      parallelism: Math.min(plan.maxConcurrent ?? plan.shards, plan.shards),
      backoffLimitPerIndex: plan.backoffLimitPerIndex,
      template: {
        metadata: podLabels('shards'),
        spec: {
          restartPolicy: 'Never',
          activeDeadlineSeconds: slurmTimeToSeconds(plan.time),
          containers: [
            {
              name: 'shard',
              image: plan.image,
              command: ['/bin/sh', '-c', k8sShardCommand(plan)],
              env: k8sEnv(plan),
              resources: resources(plan.workersPerTask, plan.mem),
              volumeMounts: vol.mount,
            },
          ],
          volumes: vol.volumes,
        },
      },
    },
  };
}

/** The merge Job: an init container waits for every shard, then the shards are merged. */
function mergeJob(plan: Plan): object {
  const vol = k8sVolume(plan);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: k8sMeta(plan, `${plan.k8sName}-merge`, 'merge'),
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 2,
      template: {
        metadata: podLabels('merge'),
        spec: {
          restartPolicy: 'Never',
          initContainers: [
            {
              name: 'wait-for-shards',
              image: plan.image,
              command: ['/bin/sh', '-c', k8sWaitCommand(plan)],
              volumeMounts: vol.mount,
            },
          ],
          containers: [
            {
              name: 'merge',
              image: plan.image,
              command: ['/bin/sh', '-c', k8sMergeCommand(plan)],
              env: k8sEnv(plan),
              resources: resources(1, plan.mergeMem),
              volumeMounts: vol.mount,
            },
          ],
          volumes: vol.volumes,
        },
      },
    },
  };
}

/** The claim for the shared results volume. */
function resultsClaim(plan: Plan): object {
  const pvcSpec: Record<string, unknown> = {
    accessModes: ['ReadWriteMany'],
    resources: { requests: { storage: plan.storage } },
  };
  if (plan.storageClass) pvcSpec.storageClassName = plan.storageClass;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: k8sMeta(plan, claimName(plan), 'results'),
    spec: pvcSpec,
  };
}

/** The Kubernetes objects of the plan: Indexed Job, merge Job and (unless --pvc) a claim. */
export function k8sManifests(plan: Plan): { shardsJob: object; mergeJob: object; pvc?: object } {
  const jobs = { shardsJob: shardsJob(plan), mergeJob: mergeJob(plan) };
  return plan.pvc ? jobs : { ...jobs, pvc: resultsClaim(plan) };
}

function yamlDoc(header: string, obj: object): string {
  const comment = header
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n');
  return `${comment}\n${YAML.stringify(obj, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

/** The manifests as YAML text, keyed like k8sFilePaths. */
export function k8sYaml(plan: Plan): { shardsJob: string; mergeJob: string; pvc?: string } {
  const m = k8sManifests(plan);
  const ns = plan.namespace ? ` -n ${plan.namespace}` : '';
  const out: { shardsJob: string; mergeJob: string; pvc?: string } = {
    shardsJob: yamlDoc(
      `collabsim sweep "${plan.sweepName}": ${plan.shards} shards as an Indexed Job.\n` +
        'Pod i runs shard JOB_COMPLETION_INDEX/N; a failed index is retried on its own\n' +
        `(backoffLimitPerIndex, Kubernetes >= 1.29). Image recipe: docs/cluster.md.\n` +
        `Watch: kubectl get job${ns} ${plan.k8sName}-shards -o jsonpath='{.status.completedIndexes} {.status.failedIndexes}'`,
      m.shardsJob,
    ),
    mergeJob: yamlDoc(
      `collabsim sweep "${plan.sweepName}": merge Job. Its init container waits until every\n` +
        `shard's manifest.json says "status": "complete", then the shards are merged into\n` +
        `${k8sResultsRoot(plan)}/merged on the shared volume.`,
      m.mergeJob,
    ),
  };
  if (m.pvc) {
    out.pvc = yamlDoc(
      'Shared results volume for every shard pod and the merge pod. It must be\n' +
        'ReadWriteMany when pods land on different nodes; skip this file and pass\n' +
        '--pvc NAME to `collabsim sweep plan` to use a claim you already have.',
      m.pvc,
    );
  }
  return out;
}
