// Facts about the request that the domain needs, read in one place.
import { env } from './env.ts';

/** The client's IP: the socket address, or the address our trusted proxies saw. */
export function clientIp(request: Request, socketAddress: string | undefined): string {
  if (env.TRUSTED_PROXIES > 0) {
    const hops = (request.headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const candidate = hops[hops.length - env.TRUSTED_PROXIES];
    if (candidate) return candidate.slice(0, 64);
  }
  return (socketAddress ?? 'unknown').slice(0, 64);
}

export function requestMeta(request: Request, socketAddress: string | undefined) {
  return { ip: clientIp(request, socketAddress), userAgent: request.headers.get('user-agent') };
}
