package notify

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"
)

// metrics are the notification figures on /metrics: jobs queued (read from
// the database at scrape, so every process reports the same queue), jobs
// completed and failed, emails sent and failed (counted by this process).
type metrics struct {
	db           *gorm.DB
	queued       *prometheus.Desc
	completed    *prometheus.CounterVec
	failed       *prometheus.CounterVec
	emailsSent   prometheus.Counter
	emailsFailed prometheus.Counter
	created      *prometheus.CounterVec
}

func newMetrics(db *gorm.DB) *metrics {
	return &metrics{
		db: db,
		queued: prometheus.NewDesc("jobs_queued", "Jobs waiting in the River queue (available, scheduled or retryable), by kind and state.",
			[]string{"kind", "state"}, nil),
		completed: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "jobs_completed_total",
			Help: "Jobs this process completed, by kind."}, []string{"kind"}),
		failed: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "jobs_failed_total",
			Help: "Job attempts that failed in this process (to be retried with backoff, or discarded after the last attempt), by kind."}, []string{"kind"}),
		emailsSent: prometheus.NewCounter(prometheus.CounterOpts{Name: "emails_sent_total",
			Help: "Notification emails the SMTP server accepted."}),
		emailsFailed: prometheus.NewCounter(prometheus.CounterOpts{Name: "emails_failed_total",
			Help: "Attempts to send a notification email that failed (each is retried)."}),
		created: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "notifications_created_total",
			Help: "Inbox notifications created, by kind."}, []string{"kind"}),
	}
}

// Collectors are the service's metrics for the /metrics registry.
func (s *Service) Collectors() []prometheus.Collector {
	m := s.metrics
	return []prometheus.Collector{queueCollector{m}, m.completed, m.failed, m.emailsSent, m.emailsFailed, m.created}
}

// jobKinds are the kinds of job notify runs.
var jobKinds = []string{EmailArgs{}.Kind(), MonthReadyArgs{}.Kind(), AttendanceArgs{}.Kind(), ProgrammeArgs{}.Kind()}

// queueCollector reads the queue's size at scrape time.
type queueCollector struct{ m *metrics }

func (c queueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.m.queued }

func (c queueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var rows []struct {
		Kind, State string
		N           int64
	}
	err := c.m.db.WithContext(ctx).Raw(`SELECT kind, state::text AS state, count(*) AS n FROM river_job
		WHERE state IN ('available', 'scheduled', 'retryable', 'pending') GROUP BY kind, state`).Scan(&rows).Error
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.m.queued, err)
		return
	}
	// Every job kind of ours in every waiting state, 0 when none waits,
	// so a dashboard's series never disappear.
	type key struct{ kind, state string }
	counts := map[key]int64{}
	for _, k := range jobKinds {
		for _, st := range []string{"available", "scheduled", "retryable"} {
			counts[key{k, st}] = 0
		}
	}
	for _, r := range rows {
		counts[key{r.Kind, r.State}] += r.N
	}
	for k, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.m.queued, prometheus.GaugeValue, float64(n), k.kind, k.state)
	}
}

// workMiddleware counts each job attempt's outcome.
type workMiddleware struct {
	river.MiddlewareDefaults
	m *metrics
}

func (w *workMiddleware) Work(ctx context.Context, job *rivertype.JobRow, doInner func(context.Context) error) error {
	err := doInner(ctx)
	if err != nil {
		w.m.failed.WithLabelValues(job.Kind).Inc()
	} else {
		w.m.completed.WithLabelValues(job.Kind).Inc()
	}
	return err
}

func (m *metrics) middleware() rivertype.Middleware { return &workMiddleware{m: m} }
