// The editor's little JavaScript, served as a file (the pages' Content-Security-Policy allows no inline
// script). Everything works without it; with it, on a meeting's page:
//  * autosave — the "källtext" is kept as the account's draft (POST …/utkast) a moment after typing
//    stops, and a status line says so (or that the session has ended: the text stays in the page);
//  * live preview — a frame beside the text shows the draft as the public page would (…/utkast/forhandsvisning),
//    reloaded after each autosave;
//  * reordering — "Upp"/"Ned" move an item without leaving the page: the move is posted as the plain form
//    would be, and the item list and the forms' revisions are taken from the page the server answers.
(function () {
  'use strict';

  const say = (text) => {
    const status = document.getElementById('autosparat');
    if (status) status.textContent = text;
  };
  const clock = () => {
    const now = new Date();
    return `${String(now.getHours()).padStart(2, '0')}.${String(now.getMinutes()).padStart(2, '0')}`;
  };

  function autosave(form) {
    const text = form.elements.source;
    const draftUrl = form.dataset.utkast;
    if (!text || !draftUrl) return;
    let saved = text.value;
    let timer = null;

    const section = document.createElement('section');
    section.setAttribute('aria-labelledby', 'livehuvud');
    section.className = 'live';
    const heading = document.createElement('h2');
    heading.id = 'livehuvud';
    heading.textContent = 'Förhandsvisning medan du skriver';
    const frame = document.createElement('iframe');
    frame.title = 'Förhandsvisning av texten du skriver';
    frame.src = `${draftUrl}/forhandsvisning`;
    section.append(heading, frame);
    form.after(section);

    async function save() {
      timer = null;
      const sent = text.value;
      if (sent === saved) return;
      const body = new URLSearchParams({
        csrf: form.elements.csrf.value,
        revision: form.elements.revision.value,
        source: sent,
      });
      try {
        const response = await fetch(draftUrl, { method: 'POST', body, credentials: 'same-origin' });
        if (response.status === 204) {
          saved = sent;
          say(`Utkastet sparades automatiskt kl. ${clock()} (inte publicerat; tryck Spara för att spara mötet).`);
          frame.src = `${draftUrl}/forhandsvisning`;
        } else if (response.status === 401) {
          say('Inloggningen har gått ut. Texten finns kvar här – tryck Spara så loggar du in igen utan att den försvinner.');
        } else {
          say(`Utkastet kunde inte sparas automatiskt (svar ${response.status}). Texten finns kvar här.`);
        }
      } catch (e) {
        say('Utkastet kunde inte sparas automatiskt (ingen kontakt med servern). Texten finns kvar här.');
      }
    }

    text.addEventListener('input', () => {
      form.dataset.andrad = '1';
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 1200);
    });
    form.addEventListener('submit', () => {
      if (timer) clearTimeout(timer);
    });
  }

  // The moved page's parts replace ours: the item list, and each form's revision — except the källtext
  // form's when its text was changed here or is a restored draft (`data-andrad`: its revision must stay
  // the one the text was typed against).
  function takeOver(fresh, movedFrom, direction) {
    const list = document.getElementById('punkter');
    const freshList = fresh.getElementById('punkter');
    if (!list || !freshList) return false;
    list.replaceWith(document.importNode(freshList, true));
    for (const form of fresh.querySelectorAll('form[id]')) {
      const mine = document.getElementById(form.id);
      const revision = form.elements.revision;
      if (!mine || !revision || !mine.elements.revision) continue;
      if (form.id === 'kalltext-form') {
        if (mine.dataset.andrad === '1') continue;
        mine.elements.source.value = form.elements.source.value;
      }
      mine.elements.revision.value = revision.value;
    }
    wireMoves();
    const to = direction === 'upp' ? movedFrom - 1 : movedFrom + 1;
    const item = document.querySelectorAll('#punkter > li')[to - 1];
    const button = item && (item.querySelector(`button[value="${direction}"]`) || item.querySelector('button'));
    if (button) button.focus();
    say(`Punkten flyttades till plats ${to}.`);
    return true;
  }

  function wireMoves() {
    document.querySelectorAll('form.move').forEach((form, index) => {
      form.addEventListener('submit', async (event) => {
        const button = event.submitter;
        if (!button || button.name !== 'move') return;
        event.preventDefault();
        const body = new URLSearchParams(new FormData(form, button));
        try {
          const response = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' });
          const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
          if (response.ok && takeOver(fresh, index + 1, button.value)) return;
          if (response.ok) {
            // Not the meeting's page (the session ended: the sign-in page): go there.
            window.location.assign(response.url);
            return;
          }
          // Refused (a conflict, …): post it as the plain form does, to show the server's answer.
          const move = document.createElement('input');
          move.type = 'hidden';
          move.name = 'move';
          move.value = button.value;
          form.append(move);
          form.submit();
        } catch (e) {
          say('Punkten kunde inte flyttas (ingen kontakt med servern). Försök igen.');
        }
      });
    });
  }

  const source = document.getElementById('kalltext-form');
  if (source) autosave(source);
  wireMoves();
})();
