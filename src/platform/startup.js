// Start-up guard, run in <head>: config.json and meta.json started with the HTML, a returning
// visitor's language, the route shell's take-over, the boot time-out, the crash screen,
// pishkhanBuildReplaced().
// Explained in docs/deploy.md ("Route shells", "Offline use and new releases"), not here.
(() => {
  // config.json (index.html preloads it), then, once config.json names the API, meta.json and
  // the documents this route asks for first: the data starts with the HTML, not after the
  // WebAssembly. The app takes config.json's text (dom::started_config); its own fetches of the
  // others are answered by these preloads.
  const config = fetch('config.json').then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))));
  window.pishkhanConfig = config;
  config.then((text) => {
    // Only an address the app's own check lets through (domain::links::check_url): no
    // backslash, space or control character, http(s), no credentials, a relative one on this origin.
    const raw = JSON.parse(text).api_base_url;
    if (typeof raw !== 'string' || /[\\\s\x00-\x1f\x7f]/.test(raw)) return;
    const base = new URL(raw, document.baseURI);
    if (!/^https?:$/.test(base.protocol) || base.username || base.password) return;
    if (!/^https?:\/\//i.test(raw) && base.origin !== location.origin) return;
    const api = base.href.replace(/\/?$/, '/');
    for (const doc of ['meta.json', ...firstDocuments()]) {
      const href = new URL(doc, api).href;
      document.head.append(Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href }));
    }
  }).catch(() => {});
  // The small v1 documents (api::paths) a route asks for before it has read meta.json, found
  // from the address alone, as the pages do: services.json on the finder and an office's page,
  // services.json and agencies.json on the services pages. Not a province's offices.json or
  // licences.json: preloaded, their 160 KB shared the wire with the WebAssembly, which then
  // arrived later, and the page could not decode them before it had (docs/performance.md).
  // What needs meta.json's index (tiles, shards) waits for the app. tests/e2e/split.spec.ts
  // holds each to its page.
  function firstDocuments() {
    const prefix = new URL(document.baseURI).pathname;
    const path = location.pathname.startsWith(prefix) ? location.pathname.slice(prefix.length) : '';
    const section = path.split('/')[0];
    if (section === 'offices') return ['services.json'];
    if (section === 'services') return ['services.json', 'agencies.json'];
    return [];
  }
  const root = document.documentElement;
  const $ = (id) => document.getElementById(id);
  try {
    const l = localStorage.getItem('pishkhan.locale');
    if ((l === 'fa' || l === 'en') && l !== root.lang) {
      Object.assign(root, { lang: l, dir: l === 'fa' ? 'rtl' : 'ltr' });
      root.dataset.shellHidden = '';
    }
  } catch (_) {}
  // A Persian shell is drawn once, in its own font: drawn before the preloaded Vazirmatn is in,
  // its text would be laid out in a fallback font and move when the font arrived (a layout shift
  // of 0.04 at 412 px on slow 4G), and the app's copy, drawn later in Vazirmatn, would be a new
  // and larger paint, the page's largest one, so its LCP waited for the WebAssembly. It stays
  // hidden (style/base.css, [data-font-wait]) until the font is in, at most FONT_WAIT_MS. The
  // family and a letter of its unicode-range are style/tokens.css's @font-face.
  const FONT_WAIT_MS = 1500;
  const reveal = () => delete root.dataset.fontWait;
  if (!('shellHidden' in root.dataset) && root.lang === 'fa' && document.fonts) {
    root.dataset.fontWait = '';
    setTimeout(reveal, FONT_WAIT_MS);
    // By DOMContentLoaded the stylesheet (and its @font-face) is in: the module scripts wait for it.
    addEventListener('DOMContentLoaded', () => document.fonts.load('1em Vazirmatn', '\u067e').then(reveal, reveal));
  }
  const takeOver = () => {
    const boot = $('boot');
    if (!boot) return;
    observer.disconnect();
    const focus = boot.contains(document.activeElement) && document.activeElement.id;
    const typed = [...boot.querySelectorAll('input[id]:is([type=search],[type=text])')].filter((el) => el.value);
    boot.remove();
    delete root.dataset.shellHidden;
    for (const { id, value } of typed) {
      const el = $(id);
      if (el) {
        el.value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
    if (focus) $(focus)?.focus();
    // A search sent from the shell while the app was starting: the app's form sends it now.
    if (submitted) $(submitted)?.form?.requestSubmit();
  };
  // The shell's forms are GET forms for a browser without JavaScript; with it, a search sent
  // before the app has started waits for the app instead of reloading the page.
  let submitted = null;
  addEventListener('submit', (e) => {
    const boot = $('boot');
    if (!boot || !boot.contains(e.target)) return;
    e.preventDefault();
    submitted = e.target.querySelector('input[id]')?.id ?? null;
  }, true);
  const observer = new MutationObserver(() => {
    const boot = $('boot');
    if (boot && [...document.querySelectorAll('main')].some((m) => !boot.contains(m) && m.firstElementChild)) takeOver();
  });
  observer.observe(root, { childList: true, subtree: true });
  window.pishkhanTakeOver = takeOver;
  const fail = () => {
    const boot = $('boot');
    if (!boot || boot.dataset.testid) return;
    delete root.dataset.shellHidden;
    reveal();
    boot.className = 'app-boot';
    boot.dataset.testid = 'boot-failed';
    boot.setAttribute('role', 'alert');
    boot.replaceChildren(...[
      ['fa', 'rtl', 'پیشخوان باز نشد: شاید اتصال کند است یا نسخهٔ تازه‌ای در راه است.', 'بارگذاری دوباره'],
      ['en', 'ltr', 'Pishkhan did not start: the connection may be slow, or a new version is on its way.', 'Reload'],
    ].map(([lang, dir, text, label]) => {
      const p = document.createElement('p');
      const a = document.createElement('a');
      Object.assign(p, { lang, dir });
      Object.assign(a, { href: location.href.split('#')[0], textContent: label });
      p.append(text, ' ', a);
      return p;
    }));
  };
  // A panic stops the WebAssembly at once (the release is built with panic=immediate-abort,
  // scripts/build.sh): it reaches the page as a WebAssembly.RuntimeError, the app is frozen, and
  // this plain "reload" screen replaces it. Static text only; the link itself reloads.
  const crashed = (err) => {
    if (!(err instanceof WebAssembly.RuntimeError) || $('crash')) return false;
    reveal();
    const main = Object.assign(document.createElement('main'), { id: 'crash', className: 'app-error-page' });
    main.dataset.testid = 'crash';
    for (const [lang, dir, Heading, title, text, label] of [
      ['fa', 'rtl', 'h1', 'مشکلی پیش آمد', 'برنامه با خطای غیرمنتظره‌ای روبه‌رو شد. داده‌های ذخیره‌شدهٔ شما سالم است.', 'صفحه را دوباره بارگذاری کنید'],
      ['en', 'ltr', 'h2', 'Something went wrong', 'The app hit an unexpected error. What you saved on this device is safe.', 'Reload the page'],
    ]) {
      const h = Object.assign(document.createElement(Heading), { lang, dir, textContent: title });
      const p = Object.assign(document.createElement('p'), { lang, dir });
      p.append(text, ' ', Object.assign(document.createElement('a'), { href: location.href.split('#')[0], textContent: label }), '.');
      main.append(h, p);
    }
    document.body.replaceChildren(main);
    return true;
  };
  setTimeout(fail, Number(document.currentScript.dataset.timeoutMs) || 20000);
  addEventListener('error', (e) => crashed(e.error) || ((e.target === window || e.target.tagName === 'SCRIPT') && fail()), true);
  addEventListener('unhandledrejection', (e) => crashed(e.reason) || fail());
  window.pishkhanBuildReplaced = async () => {
    const own = document.querySelector('script[type="module"][src*="boot-"]')?.getAttribute('src');
    try {
      const res = await fetch('./?build-check', { cache: 'no-store' });
      const html = res.ok && /^text\/html/.test(res.headers.get('content-type')) ? await res.text() : '';
      return !!own && html.includes('boot-') && !html.includes(`"${own}"`);
    } catch (_) {
      return false;
    }
  };
})();
