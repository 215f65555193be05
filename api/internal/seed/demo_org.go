package seed

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/auth"
	"kulttuurisilta/api/internal/org"
)

// Two departments in two organisations, as since 2023: social care is run
// by the wellbeing services county, culture by the municipality.
var demoDepartments = []org.DepartmentInput{
	{Name: "Ikääntyneiden palvelut", Code: "HVA-4100", Kind: "social_care", Organisation: "Varsinais-Suomen hyvinvointialue"},
	{Name: "Kulttuuripalvelut", Code: "KUNTA-7200", Kind: "culture", Organisation: "Kaarinan kaupunki"},
}

var demoUnits = []struct {
	org.UnitInput
	dept string
}{
	{org.UnitInput{Name: "Koivukoti", Kind: "care_home", Organisation: "Varsinais-Suomen hyvinvointialue", Sector: "public",
		Municipality: "Kaarina", Address: "Koivulankatu 4, 20780 Kaarina", ResidentCapacity: 60, PublicProgramme: true}, "HVA-4100"},
	{org.UnitInput{Name: "Päiväkeskus Kajo", Kind: "day_centre", Organisation: "Varsinais-Suomen hyvinvointialue", Sector: "public",
		Municipality: "Kaarina", Address: "Kauppakatu 10, 20780 Kaarina", ResidentCapacity: 30}, "HVA-4100"},
	{org.UnitInput{Name: "Rantala", Kind: "sheltered_housing", Organisation: "Varsinais-Suomen hyvinvointialue", Sector: "public",
		Municipality: "Kaarina", Address: "Rantatie 2, 20760 Piispanristi", ResidentCapacity: 40}, "HVA-4100"},
	{org.UnitInput{Name: "Tuulikello", Kind: "mental_health_rehab", Organisation: "Mielenterveysyhdistys Tuuli ry", Sector: "third",
		Municipality: "Kaarina", Address: "Tuulentie 7, 20780 Kaarina", ResidentCapacity: 15}, ""},
	{org.UnitInput{Name: "Kotipesä", Kind: "supported_housing", Organisation: "Hoivapalvelu Kotipesä Oy", Sector: "private",
		Municipality: "Kaarina", Address: "Pesätie 1, 20780 Kaarina", ResidentCapacity: 24}, ""},
	{org.UnitInput{Name: "Työkeskus Verstas", Kind: "work_activity", Organisation: "Varsinais-Suomen hyvinvointialue", Sector: "public",
		Municipality: "Kaarina", Address: "Verstaankatu 3, 20780 Kaarina", ResidentCapacity: 20}, "HVA-4100"},
}

func demoOrg(ctx context.Context, db *gorm.DB, w *World) error {
	s := org.Store{DB: db}
	for _, in := range demoDepartments {
		var d org.Department
		err := db.WithContext(ctx).Where("lower(code) = lower(?)", in.Code).First(&d).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			d, err = s.CreateDepartment(ctx, in)
		}
		if err != nil {
			return err
		}
		w.Departments[in.Code] = d.ID
	}
	for _, u := range demoUnits {
		var unit org.Unit
		err := db.WithContext(ctx).Where("name = ? AND organisation = ?", u.Name, u.Organisation).First(&unit).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			in := u.UnitInput
			if u.dept != "" {
				id := w.Departments[u.dept]
				in.DepartmentID = &id
			}
			unit, err = s.CreateUnit(ctx, in)
		}
		if err != nil {
			return err
		}
		w.Units[u.Name] = unit.ID
	}
	return nil
}

func demoUsers(ctx context.Context, db *gorm.DB, w *World) error {
	dep := func(code string) *uuid.UUID { id := w.Departments[code]; return &id }
	users := []auth.UserInput{
		{Email: "admin@demo.fi", Name: "Aino Admin", Role: "admin"},
		{Email: "producer@demo.fi", Name: "Pekka Tuottaja", Role: "producer"},
		{Email: "manager.social@demo.fi", Name: "Sari Sote", Role: "manager", DepartmentID: dep("HVA-4100")},
		{Email: "manager.culture@demo.fi", Name: "Kalle Kulttuuri", Role: "manager", DepartmentID: dep("KUNTA-7200")},
		{Email: "mentor@demo.fi", Name: "Maija Mentori", Role: "mentor",
			UnitIDs: []uuid.UUID{w.Units["Koivukoti"], w.Units["Päiväkeskus Kajo"]}},
		{Email: "mentor2@demo.fi", Name: "Riku Rantala", Role: "mentor", UnitIDs: []uuid.UUID{w.Units["Rantala"]}},
		{Email: "viewer@demo.fi", Name: "Ville Katselija", Role: "viewer"},
	}
	for _, in := range users {
		var u auth.User
		err := db.WithContext(ctx).Where("lower(email) = lower(?)", in.Email).First(&u).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			in.Password = DemoPassword
			u, err = auth.Users{DB: db}.Create(ctx, in)
		}
		if err != nil {
			return err
		}
		w.Users[in.Email] = u.ID
	}
	return nil
}
