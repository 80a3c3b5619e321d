// A page controller reads the request (Astro global), makes its domain calls and
// returns either a redirect or the view's props; the route file renders.
import type { AstroGlobal } from 'astro';

export type PageContext = AstroGlobal;
export type PageResult<P> = { redirect: string } | { props: P };

// Built through functions, not object literals, so TypeScript keeps the union
// (`{redirect} | {props}`) instead of merging it into one type of optional fields.
export const redirectTo = (redirect: string): { redirect: string } => ({ redirect });
export const render = <P>(props: P): { props: P } => ({ props });
export const notFound = (): { notFound: true } => ({ notFound: true });
