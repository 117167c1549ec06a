/**
 * The encoder is pure and also draws the renderer's label previews, so it lives in `shared/`; main's label modules keep
 * importing it from here.
 */
export { code128BBars, code128BModules, code128BValues, code128BWidths, isCode128BText } from '../../shared/code128';
