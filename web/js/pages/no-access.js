// The page shown in place of one the signed-in role may not read (its navigation entry is hidden,
// but a bookmark or a typed address can still lead here).

import { noAccessText } from '../api.js';
import { h } from '../dom.js';

export function noAccessPage(title) {
  return {
    title,
    mount(root) {
      root.append(h('section', { class: 'page', 'data-page': 'no-access' },
        h('header', { class: 'page-header' }, h('h1', { class: 'page-title', tabindex: '-1' }, title)),
        h('div', { class: 'card' }, h('p', { class: 'empty no-access', 'data-testid': 'no-access' }, noAccessText(title)))));
      return {};
    },
  };
}
