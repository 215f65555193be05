// Culture mentors, their trainings and the per-unit training figures.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import type { BodyOf, ItemOf, ResponseOf } from '@/lib/api/types';

/** Mentor is a named culture mentor. */
export type Mentor = ResponseOf<'/mentors/{id}', 'get'>;
/** Training is one completed training of a mentor. */
export type Training = ItemOf<'/mentors/{id}/trainings'>;
/** TrainingInput records a training. */
export type TrainingInput = BodyOf<'/mentors/{id}/trainings', 'post'>;
/** MentorSummary is the figures per unit for a year. */
export type MentorSummary = ResponseOf<'/mentors/summary', 'get'>;

/** useMentor loads one mentor. */
export function useMentor(id: string | undefined) {
  return useQuery({
    queryKey: ['mentors', 'one', id],
    queryFn: () => unwrap(api.GET('/mentors/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

/** useTrainings lists a mentor's trainings. */
export function useTrainings(id: string | undefined) {
  return useQuery({
    queryKey: ['trainings', id],
    queryFn: () => unwrap(api.GET('/mentors/{id}/trainings', { params: { path: { id: id! }, query: { limit: 200 } } })),
    enabled: !!id,
  });
}

/** useAddTraining records a training for a mentor. */
export function useAddTraining(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TrainingInput) => unwrap(api.POST('/mentors/{id}/trainings', { params: { path: { id } }, body })),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['trainings', id] });
      qc.invalidateQueries({ queryKey: ['mentor-summary'] });
    },
  });
}

/** useDeleteTraining deletes a training recorded by mistake. */
export function useDeleteTraining(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (t: Training) =>
      unwrap(api.DELETE('/mentors/{id}/trainings/{training_id}', { params: { path: { id, training_id: t.id } }, headers: ifMatch(t.version) } as never)),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['trainings', id] });
      qc.invalidateQueries({ queryKey: ['mentor-summary'] });
    },
  });
}

/** useMentorSummary gives the mentors and trainings per unit for a year. */
export function useMentorSummary(year: number) {
  return useQuery({
    queryKey: ['mentor-summary', year],
    queryFn: () => unwrap(api.GET('/mentors/summary', { params: { query: { year } } })),
  });
}

/** parseHours reads hours typed with a comma or a dot ("7,5" -> 7.5); null if not a positive number. */
export function parseHours(s: string): number | null {
  const t = s.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Math.round(Number(t) * 10) / 10;
  return n > 0 ? n : null;
}
