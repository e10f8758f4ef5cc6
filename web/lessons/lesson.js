/** The lessons' pages: the site's navigation; each page is otherwise plain HTML, printed as the handout. */
import { showNav } from '../js/nav.js';

showNav();
