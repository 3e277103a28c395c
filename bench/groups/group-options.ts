/** Options every group receives from the runner. */
export interface GroupOptions {
  /** Shorter sampling (used by `--quick`, e.g. to try the suite out); figures get noisier. */
  quick: boolean;
}
