declare namespace App {
  interface Locals {
    user: import('./modules/auth/sessions.server.ts').SessionUser | null;
    session: import('./modules/auth/sessions.server.ts').Session | null;
  }
}
