package committee

import (
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/httpapi"
)

// Module serves residents, committees with members and meetings, ideas,
// culture profiles, and mentors with their trainings.
type Module struct {
	Store Store
	// Zone is the calendar zone: "today" and "this year" are taken there.
	Zone *time.Location
}

// NewModule builds the module over db.
func NewModule(db *gorm.DB, zone *time.Location) Module {
	if zone == nil {
		zone = time.UTC
	}
	return Module{Store: Store{DB: db}, Zone: zone}
}

// Routes registers the committee endpoints.
func (m Module) Routes(g *echo.Group) {
	g.GET("/residents", m.listResidents)
	g.POST("/residents", m.createResident)
	g.GET("/residents/:id", m.getResident)
	g.PATCH("/residents/:id", m.updateResident)
	g.DELETE("/residents/:id", m.eraseResident)
	g.GET("/residents/:id/culture-profile", m.getProfile)
	g.PUT("/residents/:id/culture-profile", m.putProfile)
	g.DELETE("/residents/:id/culture-profile", m.eraseProfile)
	g.GET("/residents/:id/culture-profile/export", m.exportResident)
	g.GET("/residents/:id/participation", m.getParticipation)
	g.GET("/residents/:id/culture-summary", m.getCultureSummary)
	g.GET("/residents/:id/upcoming-activities", m.listUpcomingMatches)
	g.GET("/units/:id/residents/left-out", m.listLeftOut)

	g.GET("/committees", m.listCommittees)
	g.POST("/committees", m.createCommittee)
	g.GET("/committees/summary", m.committeeSummary)
	g.GET("/committees/:id", m.getCommittee)
	g.PATCH("/committees/:id", m.updateCommittee)
	g.DELETE("/committees/:id", m.deleteCommittee)
	g.GET("/committees/:id/members", m.listMembers)
	g.POST("/committees/:id/members", m.createMember)
	g.GET("/committees/:id/members/:member_id", m.getMember)
	g.PATCH("/committees/:id/members/:member_id", m.updateMember)
	g.DELETE("/committees/:id/members/:member_id", m.deleteMember)
	g.GET("/committees/:id/meetings", m.listMeetings)
	g.POST("/committees/:id/meetings", m.createMeeting)
	g.GET("/committees/:id/meetings/:meeting_id", m.getMeeting)
	g.PATCH("/committees/:id/meetings/:meeting_id", m.updateMeeting)
	g.DELETE("/committees/:id/meetings/:meeting_id", m.deleteMeeting)

	g.GET("/ideas", m.listIdeas)
	g.POST("/ideas", m.createIdea)
	g.GET("/ideas/:id", m.getIdea)
	g.PATCH("/ideas/:id", m.updateIdea)
	g.DELETE("/ideas/:id", m.deleteIdea)
	g.POST("/ideas/:id/votes", m.voteIdea)

	g.GET("/mentors", m.listMentors)
	g.POST("/mentors", m.createMentor)
	g.GET("/mentors/summary", m.mentorSummary)
	g.GET("/mentors/:id", m.getMentor)
	g.PATCH("/mentors/:id", m.updateMentor)
	g.DELETE("/mentors/:id", m.deleteMentor)
	g.GET("/mentors/:id/trainings", m.listTrainings)
	g.POST("/mentors/:id/trainings", m.createTraining)
	g.GET("/mentors/:id/trainings/:training_id", m.getTraining)
	g.PATCH("/mentors/:id/trainings/:training_id", m.updateTraining)
	g.DELETE("/mentors/:id/trainings/:training_id", m.deleteTraining)
}

func (m Module) today() civil.Date { return civil.Today(m.Zone) }

// summaryFilter reads ?year= (default: this year in the calendar zone) and
// ?department_id=.
func (m Module) summaryFilter(c echo.Context) (SummaryFilter, error) {
	f := SummaryFilter{Year: m.today().Year()}
	if s := c.QueryParam("year"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1900 || y > 2199 {
			return f, apperr.BadParamCode("year", apperr.CodeOutOfRange, "must be a year from 1900 to 2199")
		}
		f.Year = y
	}
	var err error
	f.DepartmentID, err = httpapi.QueryUUID(c, "department_id")
	return f, err
}
