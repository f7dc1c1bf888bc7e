// The CSAT entry point, after the README's extra install line for it (botbuilder-dialogs).
import { ComponentDialog } from 'botbuilder-dialogs';
import { CsatDialog, parseCsatRating } from 'botbuilder-adapter-liveengage/csat';

const dialog = new CsatDialog();
console.log(JSON.stringify({ isDialog: dialog instanceof ComponentDialog, rating: parseCsatRating('five stars') }));
