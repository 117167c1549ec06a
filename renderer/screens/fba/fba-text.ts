import type { BoxMark } from '../../../shared/fba-box-rules';
import type { OperationProblem, PlanStep } from '../../../shared/domain/fba-inbound';
import { ApiError } from '../../api/client';
import { dictionaries, type MessageKey, type useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import type { NextActor } from './plan-steps';

type T = ReturnType<typeof useT>;

export const stepText = (t: T, step: PlanStep | string): string => {
  const key = `fba.step.${step}`;
  return Object.hasOwn(dictionaries['zh-CN'], key) ? t(key as MessageKey) : step;
};

export const actorColor: Record<NextActor, 'primary' | 'default' | 'error' | 'success'> = { you: 'primary', amazon: 'default', failed: 'error', done: 'success' };

export const markText = (t: T, mark: BoxMark): string => t(`fba.mark.${mark}`);

/** Amazon's own message always shows; codes we know also get a sentence saying what to do, in the user's language. */
export function problemHint(t: T, problem: OperationProblem): string | null {
  const key = `fba.problem.${problem.code}`;
  return Object.hasOwn(dictionaries['zh-CN'], key) ? t(key as MessageKey) : null;
}

/** Marketplace ids as people say them: the country, with the id for a marketplace the app does not know. */
export const marketplaceText = (countries: ReadonlyMap<string, string>, marketplaceId: string): string => countries.get(marketplaceId) ?? marketplaceId;

const MARKS: readonly string[] = ['team-lift', 'mechanical-lift', 'heavy-package'];

/** describeError, with the box mark a refusal names put into words. */
export function fbaErrorText(t: T, error: ApiError): string {
  const mark = error.params.mark;
  if (typeof mark !== 'string' || !MARKS.includes(mark)) return describeError(t, error);
  return describeError(t, new ApiError(error.code, { ...error.params, mark: markText(t, mark as BoxMark) }));
}
