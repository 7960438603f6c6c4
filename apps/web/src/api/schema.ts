/**
 * Generated from src/api/openapi.json by `npm run gen:api -w apps/web`. Do not edit.
 */

export interface paths {
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public keys that verify access tokens (JWK Set). */
        get: operations["getJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meta": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Describe this Seer instance */
        get: operations["getMeta"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account (roles developer and/or subscriber). */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange email and password for an access token and a refresh token. */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate a refresh token: body token (API clients) or the seer_refresh cookie (browsers). */
        post: operations["refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session: revokes the refresh token family and clears the cookie. */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log out everywhere: ends every session of your account, this one included. */
        post: operations["logoutAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The authenticated user. */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password (needs the current one); ends your other sessions, keeps this one. */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your live API keys (without secrets). */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key. The secret is in this response only. */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of your API keys; it stops working at once. */
        delete: operations["deleteApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All users, newest first (cursor pagination). */
        get: operations["adminListUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{id}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Grant and/or revoke roles. */
        post: operations["adminChangeRoles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable an account: its tokens, sessions and API keys stop working at once. */
        post: operations["adminDisableUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-enable a disabled account (old access tokens stay invalid). */
        post: operations["adminEnableUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Security audit log, newest first; filter by user (actor or subject) and event. */
        get: operations["adminListAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instruments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Instruments with stored market data, by symbol (cursor pagination). */
        get: operations["listInstruments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instruments/{symbol}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One instrument, its data source and licence, and the range of closed bars per interval. */
        get: operations["getInstrument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instruments/{symbol}/bars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * OHLCV bars that have closed by now (ts + interval <= now), keyset-paginated.
         * @description ts is the bar OPEN time (UTC). from is inclusive, to exclusive. limit at most 1000. Follow nextCursor for the next page in the same order.
         */
        get: operations["listBars"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/instruments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an instrument (201); repeating the same definition returns it (200). */
        post: operations["adminCreateInstrument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/bars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Append bars: a CSV (text/csv, ts,open,high,low,close,volume) or JSON ({ bars: [...] }).
         * @description Idempotent: bars already stored with the same values count as unchanged; a different value for a stored bar is rejected as a conflict, never overwritten. Bad rows are reported by CSV line or JSON index and the good rows are stored. Bars that have not closed yet are refused.
         */
        post: operations["adminImportBars"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/versions/{version}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Runs of a version, newest as_of first: status, timings, resource use, errors and stderr. */
        get: operations["listRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/versions/{version}/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live coverage: succeeded runs over every slot since deploy (missed and failed slots count; market_closed boundaries are not slots). */
        get: operations["getCoverage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/versions/{version}/predictions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Predictions of a version in ledger order, with prev_hash/hash and outcomes (JSON or CSV).
         * @description Ledger order = seq. from/to filter on as_of. format=csv returns the same page as text/csv. docs/RUNS.md explains how to verify an export.
         */
        get: operations["listPredictions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/versions/{version}/chain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A version's public record (ledger v2): the chain of hashes in seq order, keyset-paginated.
         * @description Anyone may read the chain of hashes and commitments the moment an entry is stored. Values, confidences and salts are revealed to entitled callers at once and to everyone once the outcome is known and the public delay has passed (docs/VERIFYING.md).
         */
        get: operations["getLedgerChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Signed checkpoints of chain heads, oldest first (public; keep a copy to detect rewrites). */
        get: operations["listLedgerCheckpoints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ed25519 public keys the workers sign ledger checkpoints with. */
        get: operations["listLedgerKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/versions/{version}/ledger/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recompute the hash chain of a version (live or backtest) and report the first broken link. */
        get: operations["verifyLedger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/versions/{version}/backtests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a version at each past boundary of [from, to] with point-in-time data (mode=backtest).
         * @description Backtest predictions go to their own chain and never count in live figures. A boundary an earlier backtest of the same version already ran is reused. Poll GET /v1/backtests/{id}.
         */
        post: operations["createBacktest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backtests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status, progress and counts of a backtest. */
        get: operations["getBacktest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public catalogue: models with a deployed version. Search, filter, sort, paginate. */
        get: operations["listModels"];
        put?: never;
        /** Create a model (developer role). Publish versions to it next. */
        post: operations["createModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A model. Models never deployed are visible only to their owner. */
        get: operations["getModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit name, description, tags or symbols of interest (owner or admin). */
        patch: operations["updateModel"];
        trace?: never;
    };
    "/v1/models/{slug}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Versions of a model, newest first (drafts only for the owner). */
        get: operations["listVersions"];
        put?: never;
        /**
         * Publish a version: the request body is the package as .tar.gz (application/gzip).
         * @description Raw body, Content-Type application/gzip or application/octet-stream (multipart is not accepted). The package is extracted safely, seer.toml validated (every bad field reported at once), the canonical tar digested, stored and signed. Returns the draft.
         */
        post: operations["publishVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A version with its manifest, digest and validation report. */
        get: operations["getVersion"];
        put?: never;
        post?: never;
        /** Delete a draft. A version that was ever deployed can never be deleted (409). */
        delete: operations["deleteDraftVersion"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/versions/{version}/deploy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deploy a draft: answers 202 with a deploy check; a worker runs the version once in the sandbox on the newest stored data and deploys it, or records why not. Poll the check.
         * @description Asking again while a check is queued or running answers the same check. The API never runs the sandbox itself; see GET /v1/deploy-checks/{id} (Location header).
         */
        post: operations["deployVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deploy-checks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A deploy check: status, error code and the trial run logs (owner or admin). */
        get: operations["getDeployCheck"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/versions/{version}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retire a deployed version: scheduling stops, its history stays visible. */
        post: operations["retireVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/versions/{version}/attestation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Digest, Ed25519 signature, key id and the exact signed payload of a version. */
        get: operations["getVersionAttestation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/versions/{version}/package": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stored package (gzipped canonical tar) — owner or admin only. */
        get: operations["downloadVersionPackage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the monthly price and trial (0-30 days). Applies to new subscriptions; 0 makes the model free. */
        put: operations["setModelPlan"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every plan the model has had, newest first (owner or admin). */
        get: operations["listModelPlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/signing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ed25519 public keys (PEM and JWK) that sign model version attestations. */
        get: operations["listSigningKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your subscriptions, newest first (live and ended). */
        get: operations["listSubscriptions"];
        put?: never;
        /** Subscribe to a model: a trial when its plan has one and you never trialled it, else the first month is charged at once. */
        post: operations["createSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your subscriptions. */
        get: operations["getSubscription"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel at the end of the paid period (a trial is never charged); past_due ends at once. */
        post: operations["cancelSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undo a cancel before the period ends. */
        post: operations["resumeSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/accept-price": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept the pending price rise: the next renewal is at the new price (else the subscription ends at period end). */
        post: operations["acceptSubscriptionPrice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your receipts: one per charge attempt or refund, newest first. Admins: all=true for everyone. */
        get: operations["listInvoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund a paid charge in full (admins). The earnings journal is reversed. */
        post: operations["refundInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/earnings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Developers: gross, platform fee and net per model and month. Admins: the whole platform, with totals per currency. */
        get: operations["getEarnings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/webhooks/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Signed webhook from the payment provider (mock or stripe). Idempotent per event id. */
        post: operations["receiveBillingWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/predictions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A model's predictions across its versions, in (as_of, id) order, keyset-paginated.
         * @description Entitled callers (owner, admin, subscriber) see every prediction; everyone else the public record: resolved predictions older than the model public delay. JSON, CSV or NDJSON by Accept or ?format=. API keys need predictions:read.
         */
        get: operations["listModelPredictions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/predictions/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The newest prediction per symbol (public callers: the newest public one). */
        get: operations["latestModelPredictions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/playback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Columns aligned on the interval: bars, the prediction made at each as_of, its outcome, strategy return and running equity.
         * @description Default range: the year up to now; at most 17,520 points. Same access rules as the predictions: public callers see only the delayed record. Compressed (br, gzip) when accepted.
         */
        get: operations["modelPlayback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{slug}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Performance metrics of every version's own record (live or backtest, never mixed).
         * @description Public. Without from/to the metrics come from snapshots maintained as outcomes land; with from/to they are computed on request. docs/METRICS.md has the formulas and their definition versions.
         */
        get: operations["modelMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your webhook endpoints (without secrets). */
        get: operations["listWebhooks"];
        put?: never;
        /** Register a URL that receives each new prediction of a model. The secret is in this response only. */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your webhook endpoints. */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete one of your webhook endpoints; pending deliveries are not sent. */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log of one of your endpoints: one row per attempt, newest first. */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{id}/webhook-private": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Allow (or stop allowing) a user's webhooks to reach private, loopback and link-local addresses. */
        put: operations["adminSetWebhookPrivate"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/runs/{id}/rerun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-run a succeeded run in the sandbox on its recorded input and compare with what it stored.
         * @description Owner of the model or admin (404 to anyone else). A worker checks the input digest, runs the same version on the run's as_of and compares the predictions; nothing is written to the ledger. Poll GET /v1/reruns/{id}.
         */
        post: operations["createRerun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reruns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rerun: status, both input digests and the rows that differ. */
        get: operations["getRerun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: ({
                            kty: string;
                            crv: string;
                            x: string;
                            kid: string;
                            alg: string;
                            use: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                };
            };
        };
    };
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: "ready" | "not_ready";
                        checks: {
                            [key: string]: "ok" | "failed";
                        };
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: "ready" | "not_ready";
                        checks: {
                            [key: string]: "ok" | "failed";
                        };
                    };
                };
            };
        };
    };
    getMeta: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        name: "seer";
                        /** @enum {string} */
                        apiVersion: "v1";
                        /** @description A demo instance: its clock may replay history, so its records are not live. */
                        demo: boolean;
                        environment: string;
                        database: "pg" | "pglite";
                        queue: "bullmq" | "in-process";
                        /**
                         * Format: date-time
                         * @description The platform clock (simulated in a demo replay).
                         */
                        now: string;
                    };
                };
            };
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                    displayName: string;
                    roles: ("developer" | "subscriber")[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        email: string;
                        displayName: string;
                        roles: ("developer" | "subscriber" | "admin")[];
                        disabledAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                    /**
                     * @description "browser": the refresh token is set as an HttpOnly cookie and not returned in the body. "api" (default): it is returned in the body.
                     * @enum {unknown}
                     */
                    client?: "browser" | "api";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accessToken: string;
                        /** @enum {string} */
                        tokenType: "Bearer";
                        /** @description Seconds until the access token expires. */
                        expiresIn: number;
                        /** @description Only for API clients; browsers get the cookie. */
                        refreshToken?: string;
                        /** Format: date-time */
                        refreshTokenExpiresAt: string;
                        user: {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            displayName: string;
                            roles: ("developer" | "subscriber" | "admin")[];
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description API clients: the refresh token. Browsers omit it and send the cookie. */
                    refreshToken?: string;
                    /**
                     * @description "browser": the refresh token is set as an HttpOnly cookie and not returned in the body. "api" (default): it is returned in the body.
                     * @enum {unknown}
                     */
                    client?: "browser" | "api";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accessToken: string;
                        /** @enum {string} */
                        tokenType: "Bearer";
                        /** @description Seconds until the access token expires. */
                        expiresIn: number;
                        /** @description Only for API clients; browsers get the cookie. */
                        refreshToken?: string;
                        /** Format: date-time */
                        refreshTokenExpiresAt: string;
                        user: {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            displayName: string;
                            roles: ("developer" | "subscriber" | "admin")[];
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    logoutAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        email: string;
                        displayName: string;
                        roles: ("developer" | "subscriber" | "admin")[];
                        disabledAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** @enum {unknown} */
                        via: "jwt" | "api_key";
                        /** @description What this credential may do. */
                        scopes: ("predictions:read" | "models:read" | "models:write" | "account:read" | "admin" | "webhooks:read" | "webhooks:write")[];
                        apiKeyId: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    /** @description Same policy as at registration. */
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description Public part of the key, shown to tell keys apart. */
                            prefix: string;
                            scopes: ("predictions:read" | "models:read" | "models:write" | "account:read" | "admin" | "webhooks:read" | "webhooks:write")[];
                            /** Format: date-time */
                            createdAt: string;
                            expiresAt: string | null;
                            /** @description Updated at most once a minute. */
                            lastUsedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    scopes: ("predictions:read" | "models:read" | "models:write" | "account:read" | "admin" | "webhooks:read" | "webhooks:write")[];
                    /** Format: date-time */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        /** @description Public part of the key, shown to tell keys apart. */
                        prefix: string;
                        scopes: ("predictions:read" | "models:read" | "models:write" | "account:read" | "admin" | "webhooks:read" | "webhooks:write")[];
                        /** Format: date-time */
                        createdAt: string;
                        expiresAt: string | null;
                        /** @description Updated at most once a minute. */
                        lastUsedAt: string | null;
                        /** @description The full key, seer_<prefix>_<secret>. Shown only in this response. */
                        key: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    adminListUsers: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
                email?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            displayName: string;
                            roles: ("developer" | "subscriber" | "admin")[];
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    adminChangeRoles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    grant?: ("developer" | "subscriber" | "admin")[];
                    revoke?: ("developer" | "subscriber" | "admin")[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        email: string;
                        displayName: string;
                        roles: ("developer" | "subscriber" | "admin")[];
                        disabledAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    adminDisableUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        email: string;
                        displayName: string;
                        roles: ("developer" | "subscriber" | "admin")[];
                        disabledAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    adminEnableUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        email: string;
                        displayName: string;
                        roles: ("developer" | "subscriber" | "admin")[];
                        disabledAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    adminListAudit: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
                userId?: string;
                event?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            /** Format: date-time */
                            at: string;
                            event: string;
                            actorUserId: string | null;
                            subjectUserId: string | null;
                            ip: string | null;
                            userAgent: string | null;
                            details: {
                                [key: string]: unknown;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listInstruments: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            symbol: string;
                            name: string;
                            /** @enum {unknown} */
                            assetClass: "fx" | "equity" | "index" | "crypto" | "commodity" | "rates" | "other";
                            quoteCurrency: string | null;
                            /** @description Where the data comes from and under which licence; show it wherever the data is shown. */
                            source: string | null;
                            /**
                             * @description When the market produces bars: '24x7' every interval; 'weekdays' only bars opening Monday..Friday UTC (FX, equities). Live slots with no market session are recorded as market_closed, not missed.
                             * @enum {unknown}
                             */
                            calendar: "24x7" | "weekdays";
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getInstrument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                symbol: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        symbol: string;
                        name: string;
                        /** @enum {unknown} */
                        assetClass: "fx" | "equity" | "index" | "crypto" | "commodity" | "rates" | "other";
                        quoteCurrency: string | null;
                        source: string | null;
                        /**
                         * @description When the market produces bars: '24x7' every interval; 'weekdays' only bars opening Monday..Friday UTC (FX, equities). Live slots with no market session are recorded as market_closed, not missed.
                         * @enum {unknown}
                         */
                        calendar: "24x7" | "weekdays";
                        /** Format: date-time */
                        createdAt: string;
                        coverage: {
                            /** @description Bar interval. Bars open on multiples of the interval since 00:00 UTC. */
                            interval: "1h" | "4h" | "1d";
                            /**
                             * Format: date-time
                             * @description Open time of the oldest visible bar.
                             */
                            first: string;
                            /**
                             * Format: date-time
                             * @description Open time of the newest closed bar.
                             */
                            last: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listBars: {
        parameters: {
            query: {
                /** @description Bar interval. Bars open on multiples of the interval since 00:00 UTC. */
                interval: "1h" | "4h" | "1d";
                /** @description Inclusive lower bound on ts. */
                from?: string;
                /** @description Exclusive upper bound on ts. */
                to?: string;
                order?: "asc" | "desc";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                symbol: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        symbol: string;
                        /** @description Bar interval. Bars open on multiples of the interval since 00:00 UTC. */
                        interval: "1h" | "4h" | "1d";
                        bars: {
                            /**
                             * Format: date-time
                             * @description Open time (UTC); the bar closes at ts + interval.
                             */
                            ts: string;
                            open: number;
                            high: number;
                            low: number;
                            close: number;
                            volume: number | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    adminCreateInstrument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Upper case, e.g. USDCHF or BTC-USD. */
                    symbol: string;
                    name: string;
                    /** @enum {unknown} */
                    assetClass: "fx" | "equity" | "index" | "crypto" | "commodity" | "rates" | "other";
                    quoteCurrency?: string;
                    source?: string;
                    /**
                     * @description When the market produces bars: '24x7' every interval; 'weekdays' only bars opening Monday..Friday UTC (FX, equities). Live slots with no market session are recorded as market_closed, not missed.
                     * @enum {unknown}
                     */
                    calendar?: "24x7" | "weekdays";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        symbol: string;
                        name: string;
                        /** @enum {unknown} */
                        assetClass: "fx" | "equity" | "index" | "crypto" | "commodity" | "rates" | "other";
                        quoteCurrency: string | null;
                        /** @description Where the data comes from and under which licence; show it wherever the data is shown. */
                        source: string | null;
                        /**
                         * @description When the market produces bars: '24x7' every interval; 'weekdays' only bars opening Monday..Friday UTC (FX, equities). Live slots with no market session are recorded as market_closed, not missed.
                         * @enum {unknown}
                         */
                        calendar: "24x7" | "weekdays";
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        symbol: string;
                        name: string;
                        /** @enum {unknown} */
                        assetClass: "fx" | "equity" | "index" | "crypto" | "commodity" | "rates" | "other";
                        quoteCurrency: string | null;
                        /** @description Where the data comes from and under which licence; show it wherever the data is shown. */
                        source: string | null;
                        /**
                         * @description When the market produces bars: '24x7' every interval; 'weekdays' only bars opening Monday..Friday UTC (FX, equities). Live slots with no market session are recorded as market_closed, not missed.
                         * @enum {unknown}
                         */
                        calendar: "24x7" | "weekdays";
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    adminImportBars: {
        parameters: {
            query: {
                /** @description Case-insensitive. */
                symbol: string;
                /** @description Bar interval. Bars open on multiples of the interval since 00:00 UTC. */
                interval: "1h" | "4h" | "1d";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    bars: {
                        /** @description ISO 8601 UTC open time, e.g. 2024-01-31T13:00:00Z. */
                        ts: string;
                        open: number;
                        high: number;
                        low: number;
                        close: number;
                        volume?: number | null;
                    }[];
                };
                "text/csv": string;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        symbol: string;
                        /** @description Bar interval. Bars open on multiples of the interval since 00:00 UTC. */
                        interval: "1h" | "4h" | "1d";
                        /** @description Data rows in the request. */
                        received: number;
                        /** @description New bars stored. */
                        inserted: number;
                        /** @description Bars already stored with identical values (re-imports). */
                        unchanged: number;
                        /** @description Rows whose ts is already stored with different values (refused, never overwritten). */
                        conflicts: number;
                        /** @description Rows not stored, conflicts included. */
                        rejectedTotal: number;
                        /** @description Rows not stored and why (the first 10,000, in file order); a different value for a stored bar is a conflict, never an update. */
                        rejected: {
                            /** @description CSV line number (the header is line 1). */
                            line?: number;
                            /** @description Index in the JSON bars array (0-based). */
                            index?: number;
                            ts?: string;
                            /** @enum {unknown} */
                            code: "malformed_row" | "invalid_ts" | "misaligned_ts" | "invalid_number" | "inconsistent_ohlc" | "invalid_volume" | "duplicate_ts" | "not_closed" | "conflict";
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listRuns: {
        parameters: {
            query?: {
                mode?: "live" | "backtest";
                status?: "queued" | "running" | "succeeded" | "failed" | "timed_out" | "missed" | "market_closed";
                /** @description nextCursor of the previous page. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                slug: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            versionId: string;
                            mode: "live" | "backtest";
                            /** Format: date-time */
                            asOf: string;
                            status: "queued" | "running" | "succeeded" | "failed" | "timed_out" | "missed" | "market_closed";
                            attempts: number;
                            backtestId: string | null;
                            startedAt: string | null;
                            finishedAt: string | null;
                            durationMs: number | null;
                            cpuMs: number | null;
                            peakMemoryKb: number | null;
                            inputDigest: string | null;
                            predictionCount: number | null;
                            errorCode: string | null;
                            errorMessage: string | null;
                            /** @description The model's captured stderr (capped). */
                            stderr: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getCoverage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        versionId: string;
                        /** @description Live slots since deploy whose grace has passed, market_closed slots excluded. */
                        slots: number;
                        succeeded: number;
                        failed: number;
                        timedOut: number;
                        missed: number;
                        /** @description Boundaries where no symbol of the version had a market session (weekends): not slots. */
                        marketClosed: number;
                        /** @description succeeded / slots; null before the first slot. */
                        coverage: number | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listPredictions: {
        parameters: {
            query?: {
                mode?: "live" | "backtest";
                /** @description as_of >= from */
                from?: string;
                /** @description as_of <= to */
                to?: string;
                /** @description nextCursor of the previous page. */
                cursor?: string;
                limit?: number;
                /** @description csv: the same fields as columns (outcome columns flattened), one page. */
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                slug: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        versionId: string;
                        mode: "live" | "backtest";
                        items: {
                            /** Format: uuid */
                            version_id: string;
                            mode: "live" | "backtest";
                            seq: number;
                            symbol: string;
                            /** Format: date-time */
                            as_of: string;
                            horizon: string;
                            target: string;
                            value: number;
                            confidence: number | null;
                            /** Format: date-time */
                            created_at: string;
                            prev_hash: string;
                            hash: string;
                            /** Format: uuid */
                            run_id: string;
                            /** @description seer-ledger-v2, or seer-ledger-v1 for entries stored before v2. */
                            ledger_format: string;
                            input_digest: string | null;
                            package_digest: string | null;
                            /** @description v2: the commitment salt (docs/VERIFYING.md). */
                            salt: string | null;
                            commitment: string | null;
                            outcome: {
                                /** @description Close of the bar that closed at as_of. */
                                base_close: number;
                                /** @description Close of the bar that closed at as_of + horizon. */
                                realized_close: number;
                                realized_return: number;
                                realized_direction: number;
                                /** @description The realized value in the prediction target. */
                                realized_value: number;
                            } | null;
                        }[];
                        nextCursor: string | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getLedgerChain: {
        parameters: {
            query?: {
                mode?: "live" | "backtest";
                /** @description nextCursor of the previous page (a seq). */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                slug: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        model: string;
                        version: string;
                        /** Format: uuid */
                        versionId: string;
                        mode: "live" | "backtest";
                        access: "full" | "public";
                        /** @description For public access: values are revealed for resolved entries with as_of up to this instant. */
                        publicUntil: string | null;
                        head: {
                            seq: number;
                            hash: string;
                        };
                        items: {
                            /** @description seer-ledger-v2 (or seer-ledger-v1 for entries stored before v2). */
                            ledger_format: string;
                            /** Format: uuid */
                            version_id: string;
                            mode: "live" | "backtest";
                            seq: number;
                            /** Format: uuid */
                            run_id: string;
                            input_digest: string | null;
                            package_digest: string | null;
                            symbol: string;
                            /** Format: date-time */
                            as_of: string;
                            horizon: string;
                            target: string;
                            /** Format: date-time */
                            created_at: string;
                            /** @description v2: sha256 of value, confidence and salt. */
                            commitment: string | null;
                            prev_hash: string;
                            hash: string;
                            /** @description Whether value, confidence and salt are given to this caller. */
                            revealed: boolean;
                            value: number | null;
                            confidence: number | null;
                            salt: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listLedgerCheckpoints: {
        parameters: {
            query?: {
                /** @description Model slug: only its versions. */
                model?: string;
                /** @description With model: only this version. */
                version?: string;
                mode?: "live" | "backtest";
                /** @description nextCursor of the previous page. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            /** Format: uuid */
                            version_id: string;
                            mode: "live" | "backtest";
                            seq: number;
                            head: string;
                            key_id: string;
                            /** Format: date-time */
                            signed_at: string;
                            /** @description The exact signed text (UTF-8), docs/VERIFYING.md. */
                            payload: string;
                            /** @description Base64 Ed25519 signature over the payload bytes. */
                            signature: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listLedgerKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            /** @description First 16 hex digits of SHA-256 of the SPKI DER. */
                            keyId: string;
                            /** @enum {string} */
                            algorithm: "Ed25519";
                            /** @description SPKI PEM, for openssl pkeyutl -verify -pubin -inkey. */
                            publicKeyPem: string;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
        };
    };
    verifyLedger: {
        parameters: {
            query?: {
                mode?: "live" | "backtest";
            };
            header?: never;
            path: {
                slug: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        versionId: string;
                        mode: "live" | "backtest";
                        /** @description The format new entries are written in (seer-ledger-v2); each entry names its own. */
                        format: string;
                        valid: boolean;
                        /** @description Entries verified in good order. */
                        checked: number;
                        /** @description The recorded chain head. */
                        head: {
                            seq: number;
                            hash: string;
                        };
                        firstBreak: {
                            seq: number;
                            /** @description seq_gap | prev_hash_mismatch | hash_mismatch | commitment_mismatch | chain_mismatch | malformed | head_mismatch */
                            reason: string;
                            expected: string;
                            actual: string;
                        } | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    createBacktest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description First as_of (inclusive, rounded up to a boundary).
                     */
                    from: string;
                    /**
                     * Format: date-time
                     * @description Last as_of (inclusive).
                     */
                    to: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        versionId: string;
                        /** Format: date-time */
                        from: string;
                        /** Format: date-time */
                        to: string;
                        status: "queued" | "running" | "succeeded" | "failed";
                        progress: number;
                        counts: {
                            total: number;
                            done: number;
                            succeeded: number;
                            failed: number;
                            /** @description Boundaries an earlier backtest of this version already ran. */
                            reused: number;
                        };
                        error: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getBacktest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        versionId: string;
                        /** Format: date-time */
                        from: string;
                        /** Format: date-time */
                        to: string;
                        status: "queued" | "running" | "succeeded" | "failed";
                        progress: number;
                        counts: {
                            total: number;
                            done: number;
                            succeeded: number;
                            failed: number;
                            /** @description Boundaries an earlier backtest of this version already ran. */
                            reused: number;
                        };
                        error: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listModels: {
        parameters: {
            query?: {
                /** @description Text search in name, slug, description and tags. */
                q?: string;
                tag?: string;
                symbol?: string;
                interval?: "1h" | "4h" | "1d";
                target?: "return" | "direction" | "price";
                /** @description Only the caller's own models, deployed or not (authentication required). */
                mine?: boolean;
                /** @description Metric sorts rank by the live all-symbol record of the newest deployed version, best first (max_drawdown: smallest first); models without it come last. */
                sort?: "newest" | "name" | "recently_deployed" | "sharpe" | "sortino" | "calmar" | "psr" | "total_return" | "annualized_return" | "hit_rate" | "ic" | "win_rate" | "profit_factor" | "coverage" | "max_drawdown" | "count";
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            slug: string;
                            name: string;
                            description: string;
                            tags: string[];
                            symbols: string[];
                            owner: {
                                /** Format: uuid */
                                id: string;
                                displayName: string;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            plan: {
                                /** Format: uuid */
                                id: string;
                                /** @description Monthly price in minor units (cents). */
                                priceMinor: number;
                                currency: string;
                                /** @enum {string} */
                                billingPeriod: "month";
                                trialDays: number;
                                /** @description True when the price is 0. */
                                free: boolean;
                                /** Format: date-time */
                                effectiveFrom: string;
                            } | null;
                            /** @description Versions currently deployed (several may be). */
                            deployedVersions: {
                                version: string;
                                status: "draft" | "deployed" | "retired";
                                interval: "1h" | "4h" | "1d";
                                horizon: string;
                                target: "return" | "direction" | "price";
                                symbols: string[];
                                /** @description SHA-256 (hex) of the canonical package tar. */
                                digest: string;
                                /** Format: date-time */
                                createdAt: string;
                                deployedAt: string | null;
                                retiredAt: string | null;
                            }[];
                            latestVersion: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    createModel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description URL name: 3-64 lowercase letters, digits and single dashes. Permanent once a version is deployed. */
                    slug: string;
                    name: string;
                    description?: string;
                    tags?: string[];
                    /** @description Symbols of interest (for search). */
                    symbols?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        slug: string;
                        name: string;
                        description: string;
                        tags: string[];
                        symbols: string[];
                        owner: {
                            /** Format: uuid */
                            id: string;
                            displayName: string;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        plan: {
                            /** Format: uuid */
                            id: string;
                            /** @description Monthly price in minor units (cents). */
                            priceMinor: number;
                            currency: string;
                            /** @enum {string} */
                            billingPeriod: "month";
                            trialDays: number;
                            /** @description True when the price is 0. */
                            free: boolean;
                            /** Format: date-time */
                            effectiveFrom: string;
                        } | null;
                        /** @description Versions currently deployed (several may be). */
                        deployedVersions: {
                            version: string;
                            status: "draft" | "deployed" | "retired";
                            interval: "1h" | "4h" | "1d";
                            horizon: string;
                            target: "return" | "direction" | "price";
                            symbols: string[];
                            /** @description SHA-256 (hex) of the canonical package tar. */
                            digest: string;
                            /** Format: date-time */
                            createdAt: string;
                            deployedAt: string | null;
                            retiredAt: string | null;
                        }[];
                        latestVersion: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        slug: string;
                        name: string;
                        description: string;
                        tags: string[];
                        symbols: string[];
                        owner: {
                            /** Format: uuid */
                            id: string;
                            displayName: string;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        plan: {
                            /** Format: uuid */
                            id: string;
                            /** @description Monthly price in minor units (cents). */
                            priceMinor: number;
                            currency: string;
                            /** @enum {string} */
                            billingPeriod: "month";
                            trialDays: number;
                            /** @description True when the price is 0. */
                            free: boolean;
                            /** Format: date-time */
                            effectiveFrom: string;
                        } | null;
                        /** @description Versions currently deployed (several may be). */
                        deployedVersions: {
                            version: string;
                            status: "draft" | "deployed" | "retired";
                            interval: "1h" | "4h" | "1d";
                            horizon: string;
                            target: "return" | "direction" | "price";
                            symbols: string[];
                            /** @description SHA-256 (hex) of the canonical package tar. */
                            digest: string;
                            /** Format: date-time */
                            createdAt: string;
                            deployedAt: string | null;
                            retiredAt: string | null;
                        }[];
                        latestVersion: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    updateModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string;
                    tags?: string[];
                    symbols?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        slug: string;
                        name: string;
                        description: string;
                        tags: string[];
                        symbols: string[];
                        owner: {
                            /** Format: uuid */
                            id: string;
                            displayName: string;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        plan: {
                            /** Format: uuid */
                            id: string;
                            /** @description Monthly price in minor units (cents). */
                            priceMinor: number;
                            currency: string;
                            /** @enum {string} */
                            billingPeriod: "month";
                            trialDays: number;
                            /** @description True when the price is 0. */
                            free: boolean;
                            /** Format: date-time */
                            effectiveFrom: string;
                        } | null;
                        /** @description Versions currently deployed (several may be). */
                        deployedVersions: {
                            version: string;
                            status: "draft" | "deployed" | "retired";
                            interval: "1h" | "4h" | "1d";
                            horizon: string;
                            target: "return" | "direction" | "price";
                            symbols: string[];
                            /** @description SHA-256 (hex) of the canonical package tar. */
                            digest: string;
                            /** Format: date-time */
                            createdAt: string;
                            deployedAt: string | null;
                            retiredAt: string | null;
                        }[];
                        latestVersion: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            version: string;
                            status: "draft" | "deployed" | "retired";
                            interval: "1h" | "4h" | "1d";
                            horizon: string;
                            target: "return" | "direction" | "price";
                            symbols: string[];
                            /** @description SHA-256 (hex) of the canonical package tar. */
                            digest: string;
                            /** Format: date-time */
                            createdAt: string;
                            deployedAt: string | null;
                            retiredAt: string | null;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    publishVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description Model slug. */
                        model: string;
                        version: string;
                        status: "draft" | "deployed" | "retired";
                        interval: "1h" | "4h" | "1d";
                        horizon: string;
                        target: "return" | "direction" | "price";
                        symbols: string[];
                        /** @description SHA-256 (hex) of the canonical package tar. */
                        digest: string;
                        /** Format: date-time */
                        createdAt: string;
                        deployedAt: string | null;
                        retiredAt: string | null;
                        /**
                         * Manifest
                         * @description The normalized seer.toml, as signed.
                         */
                        manifest: {
                            name: string;
                            version: string;
                            description?: string;
                            entrypoint: string;
                            interval: "1h" | "4h" | "1d";
                            horizon: string;
                            target: "return" | "direction" | "price";
                            symbols: string[];
                            lookback: number;
                            resources: {
                                cpu_seconds: number;
                                memory_mb: number;
                            };
                            params?: {
                                [key: string]: unknown;
                            };
                        };
                        artifactBytes: number;
                        unpackedBytes: number;
                        fileCount: number;
                        signingKeyId: string;
                        /** ValidationReport */
                        validation: {
                            files: number;
                            unpackedBytes: number;
                            archiveBytes: number;
                            entrypointFile: string;
                            /** @description What was checked and passed. */
                            checks: string[];
                        };
                        deployCheck: {
                            ok: boolean;
                            code?: string;
                            message?: string;
                            /** Format: date-time */
                            asOf?: string;
                            /** Format: date-time */
                            checkedAt: string;
                        } | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description Model slug. */
                        model: string;
                        version: string;
                        status: "draft" | "deployed" | "retired";
                        interval: "1h" | "4h" | "1d";
                        horizon: string;
                        target: "return" | "direction" | "price";
                        symbols: string[];
                        /** @description SHA-256 (hex) of the canonical package tar. */
                        digest: string;
                        /** Format: date-time */
                        createdAt: string;
                        deployedAt: string | null;
                        retiredAt: string | null;
                        /**
                         * Manifest
                         * @description The normalized seer.toml, as signed.
                         */
                        manifest: {
                            name: string;
                            version: string;
                            description?: string;
                            entrypoint: string;
                            interval: "1h" | "4h" | "1d";
                            horizon: string;
                            target: "return" | "direction" | "price";
                            symbols: string[];
                            lookback: number;
                            resources: {
                                cpu_seconds: number;
                                memory_mb: number;
                            };
                            params?: {
                                [key: string]: unknown;
                            };
                        };
                        artifactBytes: number;
                        unpackedBytes: number;
                        fileCount: number;
                        signingKeyId: string;
                        /** ValidationReport */
                        validation: {
                            files: number;
                            unpackedBytes: number;
                            archiveBytes: number;
                            entrypointFile: string;
                            /** @description What was checked and passed. */
                            checks: string[];
                        };
                        deployCheck: {
                            ok: boolean;
                            code?: string;
                            message?: string;
                            /** Format: date-time */
                            asOf?: string;
                            /** Format: date-time */
                            checkedAt: string;
                        } | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteDraftVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deployVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A deploy request: a worker runs the version once in the sandbox, then deploys it. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description Model slug. */
                        model: string;
                        version: string;
                        /** @description succeeded: the version is now deployed. failed: it stays a draft; see errorCode. */
                        status: "queued" | "running" | "succeeded" | "failed";
                        errorCode: string | null;
                        errorMessage: string | null;
                        logs: string | null;
                        asOf: string | null;
                        /** @description Times a worker started this check (transient failures retry). */
                        attempts: number;
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getDeployCheck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A deploy request: a worker runs the version once in the sandbox, then deploys it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description Model slug. */
                        model: string;
                        version: string;
                        /** @description succeeded: the version is now deployed. failed: it stays a draft; see errorCode. */
                        status: "queued" | "running" | "succeeded" | "failed";
                        errorCode: string | null;
                        errorMessage: string | null;
                        logs: string | null;
                        asOf: string | null;
                        /** @description Times a worker started this check (transient failures retry). */
                        attempts: number;
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    retireVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description Model slug. */
                        model: string;
                        version: string;
                        status: "draft" | "deployed" | "retired";
                        interval: "1h" | "4h" | "1d";
                        horizon: string;
                        target: "return" | "direction" | "price";
                        symbols: string[];
                        /** @description SHA-256 (hex) of the canonical package tar. */
                        digest: string;
                        /** Format: date-time */
                        createdAt: string;
                        deployedAt: string | null;
                        retiredAt: string | null;
                        /**
                         * Manifest
                         * @description The normalized seer.toml, as signed.
                         */
                        manifest: {
                            name: string;
                            version: string;
                            description?: string;
                            entrypoint: string;
                            interval: "1h" | "4h" | "1d";
                            horizon: string;
                            target: "return" | "direction" | "price";
                            symbols: string[];
                            lookback: number;
                            resources: {
                                cpu_seconds: number;
                                memory_mb: number;
                            };
                            params?: {
                                [key: string]: unknown;
                            };
                        };
                        artifactBytes: number;
                        unpackedBytes: number;
                        fileCount: number;
                        signingKeyId: string;
                        /** ValidationReport */
                        validation: {
                            files: number;
                            unpackedBytes: number;
                            archiveBytes: number;
                            entrypointFile: string;
                            /** @description What was checked and passed. */
                            checks: string[];
                        };
                        deployCheck: {
                            ok: boolean;
                            code?: string;
                            message?: string;
                            /** Format: date-time */
                            asOf?: string;
                            /** Format: date-time */
                            checkedAt: string;
                        } | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getVersionAttestation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        model: string;
                        version: string;
                        /** @description SHA-256 (hex) of the canonical (uncompressed) package tar. */
                        digest: string;
                        /** @enum {string} */
                        algorithm: "Ed25519";
                        /** @description kid of the signing key; see GET /v1/keys/signing. */
                        keyId: string;
                        /** @description Base64 Ed25519 signature over the UTF-8 bytes of payload. */
                        signature: string;
                        /** @description The exact signed text: canonical JSON of {type, model, version, digest, manifest}. */
                        payload: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    downloadVersionPackage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description gzipped canonical tar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/gzip": string;
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/gzip": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/gzip": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/gzip": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/gzip": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    setModelPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Monthly price in minor units; 0 makes the model free. */
                    priceMinor: number;
                    /** @description ISO 4217 code, e.g. USD. */
                    currency: string;
                    trialDays: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description Monthly price in minor units (cents). */
                        priceMinor: number;
                        currency: string;
                        /** @enum {string} */
                        billingPeriod: "month";
                        trialDays: number;
                        /** @description True when the price is 0. */
                        free: boolean;
                        /** Format: date-time */
                        effectiveFrom: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listModelPlans: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** @description Monthly price in minor units (cents). */
                            priceMinor: number;
                            currency: string;
                            /** @enum {string} */
                            billingPeriod: "month";
                            trialDays: number;
                            /** @description True when the price is 0. */
                            free: boolean;
                            /** Format: date-time */
                            effectiveFrom: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listSigningKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            kid: string;
                            /** @enum {string} */
                            algorithm: "Ed25519";
                            active: boolean;
                            publicKeyPem: string;
                            jwk: {
                                /** @enum {string} */
                                kty: "OKP";
                                /** @enum {string} */
                                crv: "Ed25519";
                                x: string;
                                kid: string;
                                /** @enum {string} */
                                alg: "EdDSA";
                                /** @enum {string} */
                                use: "sig";
                            };
                        }[];
                    };
                };
            };
        };
    };
    listSubscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            modelId: string;
                            modelSlug: string;
                            status: "incomplete" | "trialing" | "active" | "past_due" | "canceled" | "expired";
                            /** @description Integer minor units (cents) of `currency`. */
                            priceMinor: number;
                            currency: string;
                            trialEnd: string | null;
                            /** Format: date-time */
                            currentPeriodStart: string;
                            /** Format: date-time */
                            currentPeriodEnd: string;
                            cancelAtPeriodEnd: boolean;
                            endedAt: string | null;
                            endReason: string | null;
                            graceUntil: string | null;
                            nextRetryAt: string | null;
                            pendingPrice: {
                                /** @description Integer minor units (cents) of `currency`. */
                                priceMinor: number;
                                currency: string;
                            } | null;
                            /** @description Whether this subscription lets you read predictions now. */
                            access: boolean;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    createSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The model slug. */
                    model: string;
                    /** @description A payment method to keep on file: a test card number with the mock provider, a pm_... id with Stripe. Needed once for paid plans. */
                    paymentMethod?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        modelId: string;
                        modelSlug: string;
                        status: "incomplete" | "trialing" | "active" | "past_due" | "canceled" | "expired";
                        /** @description Integer minor units (cents) of `currency`. */
                        priceMinor: number;
                        currency: string;
                        trialEnd: string | null;
                        /** Format: date-time */
                        currentPeriodStart: string;
                        /** Format: date-time */
                        currentPeriodEnd: string;
                        cancelAtPeriodEnd: boolean;
                        endedAt: string | null;
                        endReason: string | null;
                        graceUntil: string | null;
                        nextRetryAt: string | null;
                        pendingPrice: {
                            /** @description Integer minor units (cents) of `currency`. */
                            priceMinor: number;
                            currency: string;
                        } | null;
                        /** @description Whether this subscription lets you read predictions now. */
                        access: boolean;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        modelId: string;
                        modelSlug: string;
                        status: "incomplete" | "trialing" | "active" | "past_due" | "canceled" | "expired";
                        /** @description Integer minor units (cents) of `currency`. */
                        priceMinor: number;
                        currency: string;
                        trialEnd: string | null;
                        /** Format: date-time */
                        currentPeriodStart: string;
                        /** Format: date-time */
                        currentPeriodEnd: string;
                        cancelAtPeriodEnd: boolean;
                        endedAt: string | null;
                        endReason: string | null;
                        graceUntil: string | null;
                        nextRetryAt: string | null;
                        pendingPrice: {
                            /** @description Integer minor units (cents) of `currency`. */
                            priceMinor: number;
                            currency: string;
                        } | null;
                        /** @description Whether this subscription lets you read predictions now. */
                        access: boolean;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    cancelSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        modelId: string;
                        modelSlug: string;
                        status: "incomplete" | "trialing" | "active" | "past_due" | "canceled" | "expired";
                        /** @description Integer minor units (cents) of `currency`. */
                        priceMinor: number;
                        currency: string;
                        trialEnd: string | null;
                        /** Format: date-time */
                        currentPeriodStart: string;
                        /** Format: date-time */
                        currentPeriodEnd: string;
                        cancelAtPeriodEnd: boolean;
                        endedAt: string | null;
                        endReason: string | null;
                        graceUntil: string | null;
                        nextRetryAt: string | null;
                        pendingPrice: {
                            /** @description Integer minor units (cents) of `currency`. */
                            priceMinor: number;
                            currency: string;
                        } | null;
                        /** @description Whether this subscription lets you read predictions now. */
                        access: boolean;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    resumeSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        modelId: string;
                        modelSlug: string;
                        status: "incomplete" | "trialing" | "active" | "past_due" | "canceled" | "expired";
                        /** @description Integer minor units (cents) of `currency`. */
                        priceMinor: number;
                        currency: string;
                        trialEnd: string | null;
                        /** Format: date-time */
                        currentPeriodStart: string;
                        /** Format: date-time */
                        currentPeriodEnd: string;
                        cancelAtPeriodEnd: boolean;
                        endedAt: string | null;
                        endReason: string | null;
                        graceUntil: string | null;
                        nextRetryAt: string | null;
                        pendingPrice: {
                            /** @description Integer minor units (cents) of `currency`. */
                            priceMinor: number;
                            currency: string;
                        } | null;
                        /** @description Whether this subscription lets you read predictions now. */
                        access: boolean;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    acceptSubscriptionPrice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        modelId: string;
                        modelSlug: string;
                        status: "incomplete" | "trialing" | "active" | "past_due" | "canceled" | "expired";
                        /** @description Integer minor units (cents) of `currency`. */
                        priceMinor: number;
                        currency: string;
                        trialEnd: string | null;
                        /** Format: date-time */
                        currentPeriodStart: string;
                        /** Format: date-time */
                        currentPeriodEnd: string;
                        cancelAtPeriodEnd: boolean;
                        endedAt: string | null;
                        endReason: string | null;
                        graceUntil: string | null;
                        nextRetryAt: string | null;
                        pendingPrice: {
                            /** @description Integer minor units (cents) of `currency`. */
                            priceMinor: number;
                            currency: string;
                        } | null;
                        /** @description Whether this subscription lets you read predictions now. */
                        access: boolean;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listInvoices: {
        parameters: {
            query?: {
                all?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            subscriptionId: string;
                            /** Format: uuid */
                            modelId: string;
                            kind: "charge" | "refund";
                            refundOf: string | null;
                            status: "pending" | "succeeded" | "failed";
                            /** @description Integer minor units (cents) of `currency`. */
                            amountMinor: number;
                            currency: string;
                            /** Format: date-time */
                            periodStart: string;
                            /** Format: date-time */
                            periodEnd: string;
                            attempt: number;
                            failureCode: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            settledAt: string | null;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    refundInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        subscriptionId: string;
                        /** Format: uuid */
                        modelId: string;
                        kind: "charge" | "refund";
                        refundOf: string | null;
                        status: "pending" | "succeeded" | "failed";
                        /** @description Integer minor units (cents) of `currency`. */
                        amountMinor: number;
                        currency: string;
                        /** Format: date-time */
                        periodStart: string;
                        /** Format: date-time */
                        periodEnd: string;
                        attempt: number;
                        failureCode: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        settledAt: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getEarnings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        scope: "developer" | "platform";
                        items: {
                            /** Format: uuid */
                            modelId: string;
                            modelSlug: string;
                            /** Format: uuid */
                            developerId: string;
                            /** @description YYYY-MM (UTC). */
                            month: string;
                            currency: string;
                            /** @description Integer minor units (cents) of `currency`. */
                            grossMinor: number;
                            /** @description Integer minor units (cents) of `currency`. */
                            feeMinor: number;
                            /** @description Integer minor units (cents) of `currency`. */
                            netMinor: number;
                        }[];
                        totals: {
                            currency: string;
                            /** @description Integer minor units (cents) of `currency`. */
                            grossMinor: number;
                            /** @description Integer minor units (cents) of `currency`. */
                            feeMinor: number;
                            /** @description Integer minor units (cents) of `currency`. */
                            netMinor: number;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    receiveBillingWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: "mock" | "stripe";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        received: boolean;
                        duplicate: boolean;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listModelPredictions: {
        parameters: {
            query?: {
                symbol?: string;
                version?: string;
                mode?: "live" | "backtest";
                /** @description as_of >= from */
                from?: string;
                /** @description as_of <= to */
                to?: string;
                /** @description nextCursor of the previous page (same filters). */
                cursor?: string;
                limit?: number;
                /** @description Overrides the Accept header (application/json, text/csv, application/x-ndjson). CSV and NDJSON carry the next cursor in the X-Next-Cursor header. */
                format?: "json" | "csv" | "ndjson";
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        model: string;
                        mode: "live" | "backtest";
                        /** @description full: every prediction (owner, admin, subscriber). public: only predictions whose outcome is known and whose as_of is at or before publicUntil (now minus the model public delay). */
                        access: "full" | "public";
                        publicUntil: string | null;
                        items: {
                            version: string;
                            /** Format: uuid */
                            version_id: string;
                            mode: "live" | "backtest";
                            seq: number;
                            symbol: string;
                            /** Format: date-time */
                            as_of: string;
                            horizon: string;
                            target: string;
                            value: number;
                            confidence: number | null;
                            /** Format: date-time */
                            created_at: string;
                            prev_hash: string;
                            hash: string;
                            /** Format: uuid */
                            run_id: string;
                            outcome: {
                                /** @description Close of the bar that closed at as_of. */
                                base_close: number;
                                /** @description Close of the bar that closed at as_of + horizon. */
                                realized_close: number;
                                realized_return: number;
                                realized_direction: number;
                                /** @description The realized value in the prediction target. */
                                realized_value: number;
                            } | null;
                        }[];
                        nextCursor: string | null;
                    };
                    "text/csv": string;
                    "application/x-ndjson": string;
                };
            };
            /** @description Not modified (If-None-Match matched the ETag). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    latestModelPredictions: {
        parameters: {
            query?: {
                symbol?: string;
                version?: string;
                mode?: "live" | "backtest";
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        model: string;
                        mode: "live" | "backtest";
                        /** @description full: every prediction (owner, admin, subscriber). public: only predictions whose outcome is known and whose as_of is at or before publicUntil (now minus the model public delay). */
                        access: "full" | "public";
                        publicUntil: string | null;
                        /** @description The newest prediction per symbol, by symbol. */
                        items: {
                            version: string;
                            /** Format: uuid */
                            version_id: string;
                            mode: "live" | "backtest";
                            seq: number;
                            symbol: string;
                            /** Format: date-time */
                            as_of: string;
                            horizon: string;
                            target: string;
                            value: number;
                            confidence: number | null;
                            /** Format: date-time */
                            created_at: string;
                            prev_hash: string;
                            hash: string;
                            /** Format: uuid */
                            run_id: string;
                            outcome: {
                                /** @description Close of the bar that closed at as_of. */
                                base_close: number;
                                /** @description Close of the bar that closed at as_of + horizon. */
                                realized_close: number;
                                realized_return: number;
                                realized_direction: number;
                                /** @description The realized value in the prediction target. */
                                realized_value: number;
                            } | null;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    modelPlayback: {
        parameters: {
            query?: {
                symbol?: string;
                version?: string;
                mode?: "live" | "backtest";
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        model: string;
                        version: string;
                        symbol: string;
                        mode: "live" | "backtest";
                        interval: string;
                        horizon: string;
                        target: string;
                        /** @description full: every prediction (owner, admin, subscriber). public: only predictions whose outcome is known and whose as_of is at or before publicUntil (now minus the model public delay). */
                        access: "full" | "public";
                        publicUntil: string | null;
                        /** Format: date-time */
                        from: string;
                        /** Format: date-time */
                        to: string;
                        points: number;
                        /** @description as_of of each point, epoch seconds: the close of the bar and the instant of the prediction. */
                        t: number[];
                        open: (number | null)[];
                        high: (number | null)[];
                        low: (number | null)[];
                        close: (number | null)[];
                        volume: (number | null)[];
                        /** @description The value predicted at t (null: none, or not public). */
                        prediction: (number | null)[];
                        confidence: (number | null)[];
                        /** @description Outcome: close at t + horizon over close at t, minus 1. */
                        realizedReturn: (number | null)[];
                        realizedValue: (number | null)[];
                        /** @description Strategy return of the prediction at t (direction x realized return). */
                        pnl: (number | null)[];
                        /** @description Running sum of pnl up to and including t. */
                        equity: number[];
                    };
                };
            };
            /** @description Default Response */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    modelMetrics: {
        parameters: {
            query?: {
                version?: string;
                symbol?: string;
                /** @description as_of >= from (computed on request) */
                from?: string;
                /** @description as_of <= to (computed on request) */
                to?: string;
                mode?: "live" | "backtest";
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        model: string;
                        mode: "live" | "backtest";
                        symbol: string | null;
                        from: string | null;
                        to: string | null;
                        /** @description snapshot: maintained as outcomes land; computed: on request (a date range). */
                        source: "snapshot" | "computed";
                        /** @description Every version's own record (retired ones included), never mixed. */
                        versions: {
                            version: string;
                            status: string;
                            computedAt: string | null;
                            /** Metrics */
                            metrics: {
                                definitionVersion: string;
                                /** @description Definition version of each metric (docs/METRICS.md); bumped when its formula changes. */
                                definitions: {
                                    [key: string]: number;
                                };
                                /** @description Predictions in the record (resolved and pending). */
                                count: number;
                                resolved: number;
                                pending: number;
                                coverage: number | null;
                                hitRate: number | null;
                                mae: number | null;
                                rmse: number | null;
                                ic: number | null;
                                /** @description Periods (distinct as_of) with at least one resolved prediction. */
                                periods: number;
                                /** @description Resolved predictions with a non-flat direction. */
                                trades: number;
                                totalReturn: number | null;
                                annualizedReturn: number | null;
                                annualizedVolatility: number | null;
                                sharpe: number | null;
                                sharpePerPeriod: number | null;
                                sortino: number | null;
                                maxDrawdown: number | null;
                                maxDrawdownDuration: number | null;
                                calmar: number | null;
                                winRate: number | null;
                                profitFactor: number | null;
                                bestPeriod: number | null;
                                worstPeriod: number | null;
                                psr: number | null;
                                dsr: number | null;
                                /** @description Versions of the model ever deployed (the trials DSR deflates for). */
                                trials: number;
                                skewness: number | null;
                                kurtosis: number | null;
                            };
                            divergence: {
                                /** @description diverging: live departs from the backtest by more than chance explains (p < alpha). */
                                status: "insufficient_data" | "consistent" | "diverging";
                                statistic: number | null;
                                pValue: number | null;
                                /** @description Periods resolved in both the live and the backtest record. */
                                n: number;
                                meanDifference: number | null;
                                alpha: number;
                                minPeriods: number;
                            } | null;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            model: string;
                            url: string;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The model slug. */
                    model: string;
                    /** @description https:// URL that receives the POSTs. */
                    url: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        model: string;
                        url: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description The signing secret (whsec_...). Shown in this response only. */
                        secret: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        model: string;
                        url: string;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description One row per HTTP attempt, newest first. */
                        items: {
                            /** Format: uuid */
                            deliveryId: string;
                            /** Format: uuid */
                            runId: string;
                            deliveryStatus: "pending" | "succeeded" | "failed" | "skipped";
                            attempt: number;
                            statusCode: number | null;
                            latencyMs: number | null;
                            error: string | null;
                            responseExcerpt: string | null;
                            /** Format: date-time */
                            attemptedAt: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    adminSetWebhookPrivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description true: this user’s webhooks may reach private addresses. */
                    allow: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    createRerun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        runId: string;
                        /** @description reproduced: same input digest and the same predictions; mismatch: same input, different predictions (listed); input_mismatch: the data the model read is not what the run read (predictions not compared); failed: the rerun could not run (errorCode). */
                        status: "queued" | "running" | "reproduced" | "mismatch" | "input_mismatch" | "failed";
                        /** @description The run's recorded input digest. */
                        storedInputDigest: string | null;
                        /** @description The digest of the input the rerun read. */
                        rerunInputDigest: string | null;
                        /** @description Symbols compared. */
                        compared: number | null;
                        /** @description Rows that differ (at most 1000); empty unless status is mismatch. */
                        differences: {
                            symbol: string;
                            stored: {
                                value: number;
                                confidence: number | null;
                            } | null;
                            rerun: {
                                value: number;
                                confidence: number | null;
                            } | null;
                        }[];
                        errorCode: string | null;
                        errorMessage: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getRerun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        runId: string;
                        /** @description reproduced: same input digest and the same predictions; mismatch: same input, different predictions (listed); input_mismatch: the data the model read is not what the run read (predictions not compared); failed: the rerun could not run (errorCode). */
                        status: "queued" | "running" | "reproduced" | "mismatch" | "input_mismatch" | "failed";
                        /** @description The run's recorded input digest. */
                        storedInputDigest: string | null;
                        /** @description The digest of the input the rerun read. */
                        rerunInputDigest: string | null;
                        /** @description Symbols compared. */
                        compared: number | null;
                        /** @description Rows that differ (at most 1000); empty unless status is mismatch. */
                        differences: {
                            symbol: string;
                            stored: {
                                value: number;
                                confidence: number | null;
                            } | null;
                            rerun: {
                                value: number;
                                confidence: number | null;
                            } | null;
                        }[];
                        errorCode: string | null;
                        errorMessage: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description application/problem+json error body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description application/problem+json error body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description URI identifying the problem type. */
                        type: string;
                        /** @description Short summary of the HTTP status. */
                        title: string;
                        /** @description HTTP status code. */
                        status: number;
                        /** @description Stable machine-readable error code; clients branch on this. */
                        code: string;
                        /** @description Human-readable explanation. */
                        detail: string;
                        /** @description Request path (without query string). */
                        instance: string;
                        /** @description Request id, also in the x-request-id header. */
                        requestId: string;
                        /** @description Field-level validation errors. */
                        errors?: {
                            /** @description JSON pointer to the offending field, e.g. `/email`. */
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
}
