export interface Config {
  vigil?: {
    /** Settings of the on-call backend (plugin id `oncall`). */
    oncall?: {
      /**
       * A YAML file of schedules and escalation policies created at startup
       * when missing (matched by owner and name; existing ones are left as
       * they are). See ops/oncall/demo-seed.yaml. Relative paths are
       * relative to the backend's working directory.
       */
      seedFile?: string;
    };
  };
}
