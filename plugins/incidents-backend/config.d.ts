export interface Config {
  vigil?: {
    /** Settings of the incidents backend (plugin id `incidents`). */
    incidents?: {
      /**
       * Names and descriptions of SEV1..SEV4 shown when declaring, e.g.
       * `{ SEV1: { name: 'Outage' } }`. Unset fields keep the defaults.
       */
      severities?: {
        [severity: string]: { name?: string; description?: string };
      };
      /**
       * Allow closing an incident without a published postmortem.
       * Default false: closing is the end of the learning loop.
       */
      allowCloseWithoutPublishedPostmortem?: boolean;
      /** Declaring notifies the owners of the affected entities. Default true. */
      notifyOnDeclare?: boolean;
      /**
       * Declared incidents page the on-call backend's escalation policy of
       * the affected entity's owner (flow 4 of Vigil's design); with no
       * policy, nobody on call or no on-call backend, the owners are
       * notified instead. Default true.
       */
      pageOnCall?: boolean;
      alertmanager?: {
        /**
         * Shared secret Alertmanager sends as `Authorization: Bearer <token>`
         * (its `http_config.authorization`). Without it, only Backstage
         * service credentials are accepted at the webhook.
         * @visibility secret
         */
        webhookToken?: string;
        /**
         * Alert labels (then annotations) naming the service, tried in
         * order. Default `service`, `sloth_service`.
         */
        entityLabels?: string[];
        /** Entity ref used when no alert of a group maps to an entity; without it such a group opens no incident. */
        fallbackEntityRef?: string;
        /** Resolve the incident when every alert of its group is resolved. Default false. */
        resolveIncidentWhenAllResolved?: boolean;
        /** Reopen a resolved incident when one of its alerts fires again. Default true. */
        reopenOnRefire?: boolean;
        /** Labels read for the severity, in order. Default `severity`, `sloth_severity`. */
        severityLabels?: string[];
        /** Label value (lower case) → SEV1..SEV4, merged over the defaults (page → SEV2, ticket → SEV3, ...). */
        severityMap?: { [value: string]: string };
        /** Severity when no label maps. Default SEV3. */
        defaultSeverity?: string;
        /** Largest accepted webhook body. Default "5mb". */
        maxPayloadSize?: string;
        /**
         * One problem, one incident: alerts whose group has no open incident
         * attach to the open incident of the same problem (e.g. an SLO's
         * page and ticket burn-rate alerts, which Alertmanager groups
         * separately). A problem is the alert's entity (as mapped with
         * `entityLabels`) plus the values of the first of these label sets
         * that every alert of the notification carries; each entry is a
         * label or a list of labels. Default `[[sloth_id], [sloth_service,
         * sloth_slo]]` (the same SLO). Alerts without these labels keep one
         * incident per alert group; `[]` turns correlation off.
         */
        correlationLabels?: Array<string | string[]>;
      };
      postmortem?: {
        /**
         * Initial Markdown of each section of a new postmortem (the Google
         * SRE book template): keys summary, impact, rootCauses, trigger,
         * resolution, detection, whatWentWell, whatWentWrong,
         * whereWeGotLucky, supportingInformation. Unset sections keep the
         * default prompts.
         */
        template?: { [section: string]: string };
      };
    };
  };
}
