import { useState } from 'react';
/**
 * useSubmit runs a form's save the same way everywhere: local errors stop it
 * before anything is sent, the API's error is kept for the form to show, and
 * `busy` is true meanwhile. The form's values are never touched.
 */
export function useSubmit() {
    const [local, setLocal] = useState({});
    const [error, setError] = useState(null);
    const [busy, setBusy] = useState(false);
    /** run sends the checked body; it resolves true when it was saved. */
    async function run(checked, send) {
        setError(null);
        if ('errors' in checked) {
            setLocal(checked.errors);
            return false;
        }
        setLocal({});
        setBusy(true);
        try {
            await send(checked.body);
            return true;
        }
        catch (err) {
            setError(err);
            return false;
        }
        finally {
            setBusy(false);
        }
    }
    return { local, error, busy, run };
}
