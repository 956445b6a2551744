// Cairn's progressive enhancement: start the design system's components.
// Every page works without this file (forms post, links navigate).
import DS from '/assets/ds/scripts/design-system.js';

document.documentElement.classList.add('js-enabled');
if (DS && typeof DS.initAll === 'function') {
	DS.initAll();
}
