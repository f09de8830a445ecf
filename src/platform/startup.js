// Start-up guard: boot time-out and pishkhanBuildReplaced(). Explained in docs/deploy.md
// ("Offline use and new releases"), not here: this file ships as written, in the first load.
(() => {
  const fail = () => {
    const boot = document.getElementById('boot');
    if (!boot || boot.dataset.testid) return;
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
  setTimeout(fail, Number(document.currentScript.dataset.timeoutMs) || 20000);
  addEventListener('error', (e) => (e.target === window || e.target.tagName === 'SCRIPT') && fail(), true);
  addEventListener('unhandledrejection', fail);
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
