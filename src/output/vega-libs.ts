/**
 * Vega and Vega-Lite, loaded together by render.ts on the first chart. In the
 * built package (`npm run build`) this module's JavaScript is replaced by one
 * bundle of both packages (scripts/build-package.mjs), which loads in about
 * 0.11 s against 0.25 s for their several hundred files.
 */
export * as vega from 'vega';
export * as vl from 'vega-lite';
