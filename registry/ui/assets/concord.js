// Concord web UI: the one script, loaded from the registry itself (the CSP allows nothing else).
// Everything works without it; it only adds loading a contract file into the impact preview.
/* global document, HTMLTextAreaElement -- browser globals: this file runs in the page, not in Node */
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  for (const input of document.querySelectorAll('input[type="file"][data-fills]')) {
    const target = document.getElementById(input.getAttribute('data-fills'));
    if (!(target instanceof HTMLTextAreaElement)) continue;
    const holder = input.closest('[hidden]');
    if (holder) holder.hidden = false;
    input.addEventListener('change', () => {
      const file = input.files && input.files[0];
      if (!file) return;
      file.text().then((text) => {
        target.value = text;
        target.focus();
      });
    });
  }
});
