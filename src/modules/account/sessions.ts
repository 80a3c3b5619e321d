// A readable summary of a session's browser and system, from its User-Agent,
// for the "devices signed in" list. Only the common browsers of Chinese shoppers
// are named; anything else is reported as unknown rather than guessed.

export interface DeviceSummary {
  /** e.g. 'WeChat 8', 'Chrome 126'; null when not recognised. */
  browser: string | null;
  /** e.g. 'iOS 17.5', 'Windows', 'Android 14'; null when not recognised. */
  os: string | null;
}

/** '126.0.6478.61' → '126'; '17.4' → '17.4': a minor version only when it says something. */
function major(v: string): string {
  const [a, b] = v.split('.');
  return b && !/^0+$/.test(b) ? `${a}.${b}` : a;
}
const named = (name: string, version?: string) => (version ? `${name} ${major(version)}` : name);

// Order matters: in-app browsers and Chromium forks also say "Chrome" and "Safari".
const browsers: [RegExp, string][] = [
  [/MicroMessenger\/([\d.]+)/, 'WeChat'],
  [/AlipayClient\/([\d.]+)/, 'Alipay'],
  [/DingTalk\/([\d.]+)/, 'DingTalk'],
  [/\bQQ\/([\d.]+)/, 'QQ'],
  [/MQQBrowser\/([\d.]+)|QQBrowser\/([\d.]+)/, 'QQ Browser'],
  [/UCBrowser\/([\d.]+)/, 'UC Browser'],
  [/HuaweiBrowser\/([\d.]+)/, 'Huawei Browser'],
  [/MiuiBrowser\/([\d.]+)/, 'Xiaomi Browser'],
  [/Quark\/([\d.]+)/, 'Quark'],
  [/Edg(?:e|A|iOS)?\/([\d.]+)/, 'Edge'],
  [/OPR\/([\d.]+)/, 'Opera'],
  [/(?:Firefox|FxiOS)\/([\d.]+)/, 'Firefox'],
  [/(?:Chrome|CriOS)\/([\d.]+)/, 'Chrome'],
  [/Version\/([\d.]+).*Safari\//, 'Safari'],
];

export function describeUserAgent(ua: string | null | undefined): DeviceSummary {
  if (!ua) return { browser: null, os: null };
  let browser: string | null = null;
  for (const [re, name] of browsers) {
    const m = re.exec(ua);
    if (m) {
      browser = named(name, m.slice(1).find(Boolean));
      break;
    }
  }
  return { browser, os: describeOs(ua) };
}

function describeOs(ua: string): string | null {
  const harmony = /OpenHarmony ([\d.]+)|HarmonyOS(?:[ /]([\d.]+))?/.exec(ua);
  if (harmony) return named('HarmonyOS', harmony[1] ?? harmony[2]);
  const apple = /(?:iPhone|CPU) OS (\d+)_(\d+)/.exec(ua);
  if (apple) return `${/iPad/.test(ua) ? 'iPadOS' : 'iOS'} ${apple[1]}.${apple[2]}`;
  const android = /Android ([\d.]+)/.exec(ua);
  if (android) return named('Android', android[1]);
  if (/Windows NT/.test(ua)) return 'Windows';
  if (/Mac OS X|Macintosh/.test(ua)) return 'macOS';
  if (/CrOS/.test(ua)) return 'ChromeOS';
  if (/Linux/.test(ua)) return 'Linux';
  return null;
}
