/** codeRefsOf on 100 KB of hostile text: the slowest of the shapes the unit test also reads. */
import { codeRefsOf } from '../../src/model/codeRefs';
import { HOSTILE_CODE_TEXTS } from '../../test/support/hostileCodeText';
import { figure, median, type Figure } from './figure';

export function codeRefsFigures(): Figure[] {
  const slowest = Math.max(
    ...HOSTILE_CODE_TEXTS.map((text) => {
      const runs = Array.from({ length: 5 }, () => {
        const started = performance.now();
        codeRefsOf(text);
        return performance.now() - started;
      });
      return median(runs);
    }),
  );
  return [figure('codeRefsHostile', 'codeRefsOf, 100 KB hostile text (slowest shape, median of 5)', slowest, 'ms', 50, `${HOSTILE_CODE_TEXTS.length} shapes`)];
}
