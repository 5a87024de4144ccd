/** What a metric in the run's time series is: its column name, unit and meaning (for docs and reports). */
export interface MetricDef {
  name: string;
  unit: string;
  description: string;
}
