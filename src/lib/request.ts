// Facts about the request that the domain needs, read in one place.
import { env } from './env.ts';

/** The client's IP: the socket address, or the address our trusted proxies saw. */
export function clientIp(request: Request, socketAddress: string | undefined): string {
  if (env.TRUSTED_PROXIES > 0) {
    const hops = (request.headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const candidate = hops[hops.length - env.TRUSTED_PROXIES];
    if (candidate) return candidate.slice(0, 64);
  }
  return (socketAddress ?? 'unknown').slice(0, 64);
}

/**
 * IP and user agent of an action's request. The socket's address comes from our HTTP
 * front (locals.socketAddress), not Astro's clientAddress, which believes X-Forwarded-For
 * once security.allowedDomains is set; under `astro dev` only the latter exists.
 */
export function requestMeta(ctx: { request: Request; locals: App.Locals; clientAddress: string }) {
  return { ip: clientIp(ctx.request, ctx.locals.socketAddress ?? ctx.clientAddress), userAgent: ctx.request.headers.get('user-agent') };
}

/**
 * The media type of a Content-Type header, without its parameters: `multipart/form-data;
 * boundary=----WebKitFormBoundaryXjsonQ…` is a form, although its random boundary spells "json".
 */
export function mediaType(header: string | null): string {
  return (header ?? '').split(';', 1)[0].trim().toLowerCase();
}
