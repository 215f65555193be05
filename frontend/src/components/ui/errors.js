// The one place that turns an error into words for the user. A problem from
// the API is translated by its stable codes, never by its English text: the
// summary by the problem type's slug, each field error by its `code` (a
// message for that field and code when the catalogue has one, else the
// code's general message). docs/frontend.md, "Errors".
import { ApiError, NetworkError, SessionEndedError } from '@/lib/api/errors';
import { useI18n } from '@/lib/i18n/i18n';
// A problem without a recognisable type (a proxy's HTML page) is named by its status.
const slugByStatus = {
    400: 'bad-request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not-found',
    405: 'method-not-allowed',
    409: 'conflict',
    412: 'version-mismatch',
    413: 'too-large',
    415: 'unsupported-media-type',
    422: 'validation',
    429: 'rate-limited',
    503: 'unavailable',
    504: 'timeout',
};
/** problemSlug is the slug that names an ApiError in the catalogue. */
export function problemSlug(err) {
    return err.slug || slugByStatus[err.status] || (err.status >= 500 ? 'internal' : 'bad-request');
}
/**
 * describeError explains an error in the UI language. The API's English
 * `detail` is kept only where it adds something the codes do not say: not for
 * validation (its fields are shown, each translated) and not for the
 * problems whose summary says it all.
 */
export function describeError(err, i) {
    if (err instanceof NetworkError)
        return { summary: i.t('error.network') };
    if (err instanceof SessionEndedError)
        return { summary: i.t('problem.unauthorized') };
    if (err instanceof ApiError) {
        const slug = problemSlug(err);
        const summary = i.maybe(`problem.${slug}`) ?? i.t('problem.internal');
        const withDetail = slug === 'conflict' || slug === 'bad-request';
        const detail = withDetail && !err.problem.errors?.length ? err.problem.detail : undefined;
        const id = err.problem.request_id;
        return { summary, detail, reference: id ? i.t('error.requestId', { id }) : undefined };
    }
    return { summary: i.t('problem.internal') };
}
/** fieldMessage translates one field error by its field and code. */
export function fieldMessage(e, field, i) {
    return i.maybe(`field.${field}.${e.code}`) ?? i.maybe(`field.${e.code}`) ?? i.t('field.invalid');
}
/** fieldMessages gives the translated messages of an error's fields by form field name ({} for other errors). */
export function fieldMessages(err, i) {
    if (!(err instanceof ApiError))
        return {};
    const out = {};
    for (const [field, list] of Object.entries(err.fieldErrors)) {
        out[field] = [...new Set(list.map((e) => fieldMessage(e, field, i)))].join(' ');
    }
    return out;
}
/** useFieldErrors gives an error's field messages in the UI language, ready for the fields' `error`. */
export function useFieldErrors(err) {
    const i = useI18n();
    return fieldMessages(err, i);
}
