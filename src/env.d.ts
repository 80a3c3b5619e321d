declare namespace App {
  interface Locals {
    /** The process-wide database handle, set by the session middleware for every page, action and endpoint. */
    db: import('../db/client.ts').Db;
    user: import('./modules/auth/sessions.server.ts').SessionUser | null;
    session: import('./modules/auth/sessions.server.ts').Session | null;
    /** What a failed form submission sent (secrets left out), to fill the form again. */
    formValues: Record<string, string>;
    /** Every value of each field of a refused form, in order (rows of a table form). */
    formLists: Record<string, string[]>;
    /**
     * The TCP peer's address, from our HTTP front (src/server/http-server.ts); absent under
     * `astro dev`. Not Astro's clientAddress, which believes X-Forwarded-For once
     * security.allowedDomains is set. TRUSTED_PROXIES decides what to read past it (src/lib/request.ts).
     */
    socketAddress?: string;
    /** This request's id, from our HTTP front (or made by the middleware under `astro dev`): in the log and on the error page. */
    requestId: string;
  }
}
