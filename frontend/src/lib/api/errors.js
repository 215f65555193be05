const PROBLEM_PREFIX = 'urn:kulttuurisilta:problem:';
/** ApiError is thrown by the API client for every non-2xx response. */
export class ApiError extends Error {
    status;
    problem;
    constructor(status, problem) {
        super(problem.detail || problem.title || `HTTP ${status}`);
        this.name = 'ApiError';
        this.status = status;
        this.problem = problem;
    }
    /** slug is the problem type's last part ("validation", "conflict", ...), '' when the body had none. */
    get slug() {
        const t = this.problem.type ?? '';
        return t.startsWith(PROBLEM_PREFIX) ? t.slice(PROBLEM_PREFIX.length) : '';
    }
    /** fieldErrors groups the problem's field errors by the form's field name. */
    get fieldErrors() {
        const out = {};
        for (const e of this.problem.errors ?? [])
            (out[normaliseField(e.field)] ??= []).push(e);
        return out;
    }
}
/**
 * normaliseField turns the API's field paths ("body.starts_at", "unit_ids[0]")
 * into the form's field names ("starts_at", "unit_ids").
 */
export function normaliseField(field) {
    return field.replace(/^(body|query|path)\./, '').replace(/\[\d+\]$/, '').replace(/\.\d+$/, '');
}
/** isProblem tells whether a parsed body looks like a problem. */
export function isProblem(x) {
    return !!x && typeof x === 'object' && typeof x.status === 'number';
}
/** NetworkError is thrown when the API cannot be reached at all. */
export class NetworkError extends Error {
    constructor(cause) {
        super('network error');
        this.name = 'NetworkError';
        this.cause = cause;
    }
}
/** SessionEndedError is thrown when the user gave up re-signing in. */
export class SessionEndedError extends Error {
    constructor() {
        super('session ended');
        this.name = 'SessionEndedError';
    }
}
/** toApiError reads a failed response into an ApiError. */
export async function toApiError(res) {
    let problem = { status: res.status, title: res.statusText, type: '' };
    try {
        const text = await res.clone().text();
        if (text) {
            const parsed = JSON.parse(text);
            if (isProblem(parsed))
                problem = parsed;
        }
    }
    catch {
        /* not JSON; keep the bare status */
    }
    return new ApiError(res.status, problem);
}
