/*
 * Native reference for collabsim's tick kernel: meetings with the
 * Bryk & Schneider trust update (src/model/mechanisms/trust/meetings.ts) and the
 * Lencioni cascade (src/model/mechanisms/lencioni/lencioni.ts), on a network exported by
 * the benchmark, stepping the same Alea generator from the same state.
 * Compiled with -O3 -ffp-contract=off (no fused multiply-add, so every
 * rounding matches V8's) it reproduces the JavaScript kernel bit for bit.
 *
 * Also a memory-bandwidth reference: a sequential loop that reads and
 * writes, per relationship update, the bytes the kernel touches.
 *
 * usage: kernel NET.bin TICKS REPS MODE      (MODE: kernel | bandwidth)
 * prints one JSON line.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  int32_t nL, nS, nG, nE, nGE, nM, tpy, pad;
  double up, down, noise, halfNoise, insight, noLead, commit, rolesCommit, informalBoost, cushion, rho, commitBase,
      collectiveGain, brokenPromise, snub;
  double s0, s1, s2, c;
} Header;

static Header H;
/* groups */
static int32_t *gEdgeStart, *gEdges, *gMemberStart, *gMembers;
static float *gMpy, *lTrust, *lConflict, *lCommitment, *lAccountability, *lResults;
static uint8_t *gLead, *gRoles, *gInformal, *gCode, *gBinding;
static uint32_t *gHeld;
/* edges */
static int32_t *eSrc, *eDst, *eRev;
static float *respect, *regard, *competence, *integrity, *trust;
static uint32_t *interactions;
/* leaders */
static float *listen, *moralPurpose, *lCompetence, *followThrough, *openness, *candour;
static int32_t *school;
/* schools */
static double *effectiveness, *learning, *collective;

static void *readArr(FILE *f, size_t n, size_t sz) {
  void *p = malloc(n * sz + 64);
  if (n && fread(p, sz, n, f) != n) {
    fprintf(stderr, "short read\n");
    exit(2);
  }
  return p;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Alea state (as seedrandom), stepped inline. */
static double s0, s1, s2, ac;
#ifdef FAST_RNG
/* Measurement variant only (not bit-identical): a 64-bit xorshift-multiply generator with a
   short dependency chain, to show how much of the kernel's time Alea's serial chain costs. */
static uint64_t xs = 0x9E3779B97F4A7C15ull;
static inline double draw(void) {
  xs ^= xs >> 12;
  xs ^= xs << 25;
  xs ^= xs >> 27;
  return (double)((xs * 0x2545F4914F6CDD1Dull) >> 11) * 0x1.0p-53;
}
#else
static inline double draw(void) {
  double t = 2091639.0 * s0 + ac * 2.3283064365386963e-10;
  s0 = s1;
  s1 = s2;
  ac = (double)(int32_t)t;
  s2 = t - ac;
  return s2;
}
#endif

static inline float toward(float p, double obs, double up, double down) {
  double o = obs < 0 ? 0 : obs > 1 ? 1 : obs;
  double pd = p;
  return (float)(pd + (o > pd ? up : down) * (o - pd));
}

static inline float relTrust(float r, float p, float c, float i) {
  double a = r < 0.01 ? 0.01 : r, b = p < 0.01 ? 0.01 : p, d = c < 0.01 ? 0.01 : c, e = i < 0.01 ? 0.01 : i;
  double a2 = a * a, b2 = b * b, d2 = d * d, e2 = e * e;
  double m = (1 / (a2 * a2) + 1 / (b2 * b2) + 1 / (d2 * d2) + 1 / (e2 * e2)) / 4;
  return (float)(1 / sqrt(sqrt(m)));
}

static long long updatesTotal;

static void meetings(void) {
  const double up = H.up, down = H.down, noise = H.noise, halfNoise = H.halfNoise;
  const double tpy = H.tpy;
  for (int g = 0; g < H.nG; g++) {
    double lambda = (double)gMpy[g] / tpy;
    int m = (int)floor(lambda);
    if (draw() < lambda - m) m++;
    if (!gLead[g]) {
      int held = 0;
      for (int k = 0; k < m; k++)
        if (draw() < H.noLead) held++;
      m = held;
    }
    if (m == 0) continue;
    const double commitChance = gRoles[g] ? H.rolesCommit : H.commit;
    /* An accepted challenge's insight is shared out over the group's partners (as in meetings.ts). */
    const int members = gMemberStart[g + 1] - gMemberStart[g];
    const double groupInsight = members > 1 ? H.insight / (members - 1) : 0;
    const double vulnBoost = gInformal[g] ? 1 + H.informalBoost : 1;
    const double cushion = gCode[g] ? H.cushion : 0;
    const int e0 = gEdgeStart[g], e1 = gEdgeStart[g + 1];
    for (int meeting = 0; meeting < m; meeting++) {
      gHeld[g]++;
      for (int k = e0; k < e1; k++) {
        const int e = gEdges[k], rv = eRev[e], i = eSrc[e], j = eDst[e];
        const double tji = trust[rv], tij = trust[e];
        respect[e] = toward(respect[e], (double)listen[j] + noise * draw() - halfNoise, up, down);
        regard[e] = toward(regard[e], 0.2 + 0.4 * (double)moralPurpose[j] + 0.4 * tji + noise * draw() - halfNoise, up, down);
        competence[e] = toward(competence[e], 0.5 * (double)lCompetence[j] + 0.5 * effectiveness[school[j]] + noise * draw() - halfNoise, up, down);
        if (draw() < commitChance) integrity[e] = toward(integrity[e], draw() < followThrough[j] ? 1 : H.brokenPromise, up, down);
        double pv = (double)openness[j] * (0.3 + 0.7 * tji) * vulnBoost;
        if (draw() < (pv > 1 ? 1 : pv)) {
          if (draw() < 0.2 + 0.5 * (double)moralPurpose[i] + 0.3 * tij) {
            regard[rv] = toward(regard[rv], 1, up, down);
            respect[rv] = toward(respect[rv], 1, up, down);
            integrity[e] = toward(integrity[e], 1, up, down);
          } else {
            regard[rv] = toward(regard[rv], H.snub, up, down);
          }
        }
        if (draw() < (double)candour[j] * (0.25 + 0.75 * tji)) {
          double base = 0.3 + 0.7 * tij;
          double accept = base + cushion * (1 - base);
          if (draw() < accept) {
            competence[e] = toward(competence[e], 1, up, down);
            learning[school[i]] += groupInsight;
          } else {
            regard[e] = toward(regard[e], H.snub, up, down);
          }
        }
        trust[e] = relTrust(respect[e], regard[e], competence[e], integrity[e]);
        trust[rv] = relTrust(respect[rv], regard[rv], competence[rv], integrity[rv]);
        interactions[e]++;
      }
      updatesTotal += e1 - e0;
    }
  }
}

static void lencioni(void) {
  const double rho = H.rho;
  memset(collective, 0, sizeof(double) * H.nS);
  for (int g = 0; g < H.nG; g++) {
    const int e0 = gEdgeStart[g], e1 = gEdgeStart[g + 1];
    double sum = 0;
    for (int k = e0; k < e1; k++) sum += trust[gEdges[k]];
    const double l1 = e1 > e0 ? sum / (e1 - e0) : 0;
    const int m0 = gMemberStart[g], m1 = gMemberStart[g + 1];
    double cand = 0, follow = 0, purpose = 0;
    for (int k = m0; k < m1; k++) {
      const int i = gMembers[k];
      cand += candour[i];
      follow += followThrough[i];
      purpose += moralPurpose[i];
    }
    const int nm = (m1 - m0) ? (m1 - m0) : 1;
    cand /= nm;
    follow /= nm;
    purpose /= nm;
    const double clarity = 0.5 * gLead[g] + 0.5 * gRoles[g];
    const double commitReach = H.commitBase + (1 - H.commitBase) * clarity;
    int binding = 0;
    lTrust[g] = (float)l1;
    double l2 = lConflict[g];
    if (l1 < cand && binding == 0) binding = 1;
    l2 += rho * ((cand < l1 ? cand : l1) - l2);
    if (l2 > l1) l2 = l1;
    double l3 = lCommitment[g];
    if (l2 < commitReach && binding == 0) binding = 2;
    l3 += rho * ((commitReach < l2 ? commitReach : l2) - l3);
    if (l3 > l2) l3 = l2;
    double l4 = lAccountability[g];
    if (l3 < follow && binding == 0) binding = 3;
    l4 += rho * ((follow < l3 ? follow : l3) - l4);
    if (l4 > l3) l4 = l3;
    double l5 = lResults[g];
    if (l4 < purpose && binding == 0) binding = 4;
    l5 += rho * ((purpose < l4 ? purpose : l4) - l5);
    if (l5 > l4) l5 = l4;
    lConflict[g] = (float)l2;
    lCommitment[g] = (float)l3;
    lAccountability[g] = (float)l4;
    lResults[g] = (float)l5;
    gBinding[g] = (uint8_t)binding;
    const double push = H.collectiveGain * l5;
    for (int k = m0; k < m1; k++) {
      const int sch = school[gMembers[k]];
      if (push > collective[sch]) collective[sch] = push;
    }
  }
}

/* FNV-1a over bytes, to compare with the JavaScript kernel's result. */
static uint32_t fnv(uint32_t h, const void *p, size_t n) {
  const uint8_t *b = (const uint8_t *)p;
  for (size_t i = 0; i < n; i++) {
    h ^= b[i];
    h *= 16777619u;
  }
  return h;
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: kernel NET.bin TICKS REPS kernel|bandwidth [UPDATES]\n");
    return 1;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  int ticks = atoi(argv[2]), reps = atoi(argv[3]);
  const char *mode = argv[4];
  if (fread(&H, sizeof H, 1, f) != 1) return 2;
  gEdgeStart = readArr(f, H.nG + 1, 4);
  gEdges = readArr(f, H.nGE, 4);
  gMemberStart = readArr(f, H.nG + 1, 4);
  gMembers = readArr(f, H.nM, 4);
  gMpy = readArr(f, H.nG, 4);
  gLead = readArr(f, H.nG, 1);
  gRoles = readArr(f, H.nG, 1);
  gInformal = readArr(f, H.nG, 1);
  gCode = readArr(f, H.nG, 1);
  float *lInit = readArr(f, (size_t)H.nG * 5, 4);
  eSrc = readArr(f, H.nE, 4);
  eDst = readArr(f, H.nE, 4);
  eRev = readArr(f, H.nE, 4);
  float *pInit = readArr(f, (size_t)H.nE * 5, 4);
  listen = readArr(f, H.nL, 4);
  moralPurpose = readArr(f, H.nL, 4);
  lCompetence = readArr(f, H.nL, 4);
  followThrough = readArr(f, H.nL, 4);
  openness = readArr(f, H.nL, 4);
  candour = readArr(f, H.nL, 4);
  school = readArr(f, H.nL, 4);
  effectiveness = readArr(f, H.nS, 8);
  fclose(f);

  respect = malloc(4 * (size_t)H.nE);
  regard = malloc(4 * (size_t)H.nE);
  competence = malloc(4 * (size_t)H.nE);
  integrity = malloc(4 * (size_t)H.nE);
  trust = malloc(4 * (size_t)H.nE);
  interactions = malloc(4 * (size_t)H.nE);
  lTrust = malloc(4 * (size_t)H.nG);
  lConflict = malloc(4 * (size_t)H.nG);
  lCommitment = malloc(4 * (size_t)H.nG);
  lAccountability = malloc(4 * (size_t)H.nG);
  lResults = malloc(4 * (size_t)H.nG);
  gBinding = malloc((size_t)H.nG + 1);
  gHeld = malloc(4 * (size_t)H.nG + 4);
  learning = malloc(8 * (size_t)H.nS);
  collective = malloc(8 * (size_t)H.nS);

  if (strcmp(mode, "bandwidth") == 0) {
    /* Per relationship update the kernel reads 60 bytes (group edge index, rev, src, dst,
       trust of both directions, four perceptions of both directions, interactions) and
       writes 28 (four perceptions, trust of both directions, interactions). This loop
       streams through arrays as large as the network's and moves the same bytes per update. */
    long long updates = argc > 5 ? atoll(argv[5]) : (long long)H.nGE * ticks;
    const int n = H.nGE > H.nE ? H.nGE : H.nE;
    int32_t *a0 = calloc(n, 4), *a1 = calloc(n, 4), *a2 = calloc(n, 4), *a3 = calloc(n, 4);
    float *f0 = calloc(n, 4), *f1 = calloc(n, 4), *f2 = calloc(n, 4), *f3 = calloc(n, 4), *f4 = calloc(n, 4);
    float *g0 = calloc(n, 4), *g1 = calloc(n, 4), *g2 = calloc(n, 4), *g3 = calloc(n, 4), *g4 = calloc(n, 4);
    uint32_t *u0 = calloc(n, 4);
    double best = 1e300, sink = 0;
    for (int r = 0; r < reps; r++) {
      double t0 = now();
      long long left = updates;
      while (left > 0) {
        int len = left < n ? (int)left : n;
        for (int k = 0; k < len; k++) {
          int x = a0[k] + a1[k] + a2[k] + a3[k];
          float s = f0[k] + f1[k] + f2[k] + f3[k] + f4[k] + g0[k] + g1[k] + g2[k] + g3[k] + g4[k];
          f0[k] = s * 0.0625f;
          f1[k] = s * 0.125f;
          f2[k] = s * 0.03125f;
          f3[k] = s * 0.01f;
          f4[k] = s * 0.02f;
          g4[k] = s * 0.04f;
          u0[k] += x;
        }
        left -= len;
      }
      double dt = now() - t0;
      if (dt < best) best = dt;
      sink += f0[0] + u0[n - 1];
    }
    printf("{\"mode\":\"bandwidth\",\"updates\":%lld,\"bytesPerUpdate\":88,\"bestMs\":%.4f,\"sink\":%g}\n", updates, best, sink);
    return 0;
  }

  double best = 1e300;
  uint32_t hash = 0;
  long long updates = 0;
  for (int r = 0; r < reps; r++) {
    /* Fresh state for every repetition. */
    for (int e = 0; e < H.nE; e++) {
      respect[e] = pInit[e];
      regard[e] = pInit[H.nE + e];
      competence[e] = pInit[2 * (size_t)H.nE + e];
      integrity[e] = pInit[3 * (size_t)H.nE + e];
      trust[e] = pInit[4 * (size_t)H.nE + e];
      interactions[e] = 0;
    }
    for (int g = 0; g < H.nG; g++) {
      lTrust[g] = lInit[g];
      lConflict[g] = lInit[H.nG + g];
      lCommitment[g] = lInit[2 * H.nG + g];
      lAccountability[g] = lInit[3 * H.nG + g];
      lResults[g] = lInit[4 * H.nG + g];
      gHeld[g] = 0;
    }
    s0 = H.s0;
    s1 = H.s1;
    s2 = H.s2;
    ac = H.c;
    updatesTotal = 0;
    double t0 = now();
    for (int t = 1; t <= ticks; t++) {
      memset(learning, 0, sizeof(double) * H.nS);
      meetings();
      lencioni();
    }
    double dt = now() - t0;
    if (dt < best) best = dt;
    updates = updatesTotal;
    uint32_t h = 2166136261u;
    h = fnv(h, trust, 4 * (size_t)H.nE);
    h = fnv(h, respect, 4 * (size_t)H.nE);
    h = fnv(h, integrity, 4 * (size_t)H.nE);
    h = fnv(h, lResults, 4 * (size_t)H.nG);
    h = fnv(h, lConflict, 4 * (size_t)H.nG);
    h = fnv(h, learning, 8 * (size_t)H.nS);
    hash = h;
  }
  printf("{\"mode\":\"kernel\",\"ticks\":%d,\"updates\":%lld,\"bestMs\":%.4f,\"hash\":%u}\n", ticks, updates, best, hash);
  return 0;
}
