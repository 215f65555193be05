// Culture mentors, their trainings and the per-unit training figures.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
import { pageOf } from '@/lib/api/types';
/** getMentors reads a page of mentors. */
export const getMentors = async (query) => pageOf(await unwrap(api.GET('/mentors', { params: { query } })));
/** createMentor names a mentor. */
export const createMentor = (body) => unwrap(api.POST('/mentors', { body }));
/** updateMentor changes a mentor (If-Match: the version shown). */
export const updateMentor = (m, body) => unwrap(api.PATCH('/mentors/{id}', { params: { path: { id: m.id } }, headers: ifMatch(m.version), body }));
/** deleteMentor deletes a mentor record made by mistake. */
export const deleteMentor = (m) => done(api.DELETE('/mentors/{id}', { params: { path: { id: m.id } }, headers: ifMatch(m.version) }));
/** getMentor reads one mentor. */
export const getMentor = (id) => unwrap(api.GET('/mentors/{id}', { params: { path: { id } } }));
/** getMentorQueryOptions caches a mentor under ['mentors', 'one', id]. */
export const getMentorQueryOptions = (id) => queryOptions({ queryKey: ['mentors', 'one', id], queryFn: () => getMentor(id ?? ''), enabled: !!id });
/** useMentor loads one mentor. */
export const useMentor = (id) => useQuery(getMentorQueryOptions(id));
/** getTrainings reads a mentor's trainings. */
export const getTrainings = async (id) => pageOf(await unwrap(api.GET('/mentors/{id}/trainings', { params: { path: { id }, query: { limit: 200 } } })));
/** getTrainingsQueryOptions caches a mentor's trainings under ['trainings', id]. */
export const getTrainingsQueryOptions = (id) => queryOptions({ queryKey: ['trainings', id], queryFn: () => getTrainings(id ?? ''), enabled: !!id });
/** useTrainings lists a mentor's trainings. */
export const useTrainings = (id) => useQuery(getTrainingsQueryOptions(id));
/** addTraining records a training for a mentor. */
export const addTraining = (id, body) => unwrap(api.POST('/mentors/{id}/trainings', { params: { path: { id } }, body }));
/** deleteTraining deletes a training recorded by mistake. */
export const deleteTraining = (id, t) => done(api.DELETE('/mentors/{id}/trainings/{training_id}', { params: { path: { id, training_id: t.id } }, headers: ifMatch(t.version) }));
/** useTrainingChange records (body) or deletes (training) a training and refreshes the figures. */
export function useTrainingChange(id, send) {
    const qc = useQueryClient();
    return useMutation({
        mutationFn: (v) => send(id, v),
        onSuccess: () => {
            qc.invalidateQueries({ queryKey: ['trainings', id] });
            qc.invalidateQueries({ queryKey: ['mentor-summary'] });
        },
    });
}
/** getMentorSummary gives the mentors and trainings per unit for a year. */
export const getMentorSummary = (year) => unwrap(api.GET('/mentors/summary', { params: { query: { year } } }));
/** getMentorSummaryQueryOptions caches a year's figures under ['mentor-summary', year]. */
export const getMentorSummaryQueryOptions = (year) => queryOptions({ queryKey: ['mentor-summary', year], queryFn: () => getMentorSummary(year) });
/** useMentorSummary gives the mentors and trainings per unit for a year. */
export const useMentorSummary = (year) => useQuery(getMentorSummaryQueryOptions(year));
/** parseHours reads hours typed with a comma or a dot ("7,5" -> 7.5); null if not a positive number. */
export function parseHours(s) {
    const t = s.trim().replace(',', '.');
    if (!/^\d+(\.\d+)?$/.test(t))
        return null;
    const n = Math.round(Number(t) * 10) / 10;
    return n > 0 ? n : null;
}
