// A page controller reads the request (Astro global), makes its domain calls and
// returns either a redirect or the view's props; the route file renders.
import type { AstroGlobal } from 'astro';

export type PageContext = AstroGlobal;
export type PageResult<P> = { redirect: string } | { props: P };
