// Start-up guard, run in <head> before the page is drawn: the language of a returning visitor,
// the take-over of the pre-rendered shell, the boot time-out and pishkhanBuildReplaced().
// Explained in docs/deploy.md ("Route shells", "Offline use and new releases"), not here: this
// file ships as written, in the first load.
(() => {
  const root = document.documentElement;
  let stored = null;
  try {
    stored = localStorage.getItem('pishkhan.locale');
  } catch (_) {}
  if ((stored === 'fa' || stored === 'en') && stored !== root.lang) {
    root.lang = stored;
    root.dir = stored === 'fa' ? 'rtl' : 'ltr';
    root.dataset.shellHidden = '';
  }
  const takeOver = () => {
    const boot = document.getElementById('boot');
    if (!boot) return;
    observer.disconnect();
    const active = boot.contains(document.activeElement) ? document.activeElement.id : '';
    const typed = [...boot.querySelectorAll('input[id]:not([type=checkbox]):not([type=radio]),textarea[id]')]
      .filter((el) => el.value !== el.defaultValue)
      .map((el) => [el.id, el.value]);
    boot.remove();
    delete root.dataset.shellHidden;
    for (const [id, value] of typed) {
      const el = document.getElementById(id);
      if (!el) continue;
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
    if (active) document.getElementById(active)?.focus();
  };
  // The app is appended after the shell (hidden by style/base.css): the shell goes in the same
  // task as the app's <main> gets its page, so no frame shows neither or both.
  const observer = new MutationObserver(() => {
    const boot = document.getElementById('boot');
    if (boot && [...document.querySelectorAll('main')].some((m) => !boot.contains(m) && m.firstElementChild)) takeOver();
  });
  observer.observe(root, { childList: true, subtree: true });
  window.pishkhanTakeOver = takeOver;
  const fail = () => {
    const boot = document.getElementById('boot');
    if (!boot || boot.dataset.testid) return;
    delete root.dataset.shellHidden;
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
