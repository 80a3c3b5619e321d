declare namespace App {
  interface Locals {
    user: import('./modules/auth/sessions.server.ts').SessionUser | null;
    session: import('./modules/auth/sessions.server.ts').Session | null;
    /** What a failed form submission sent (secrets left out), to fill the form again. */
    formValues: Record<string, string>;
  }
}
