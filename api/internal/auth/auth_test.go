package auth_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/auth"
	"kulttuurisilta/api/internal/l10n"
)

const password = "correct horse battery"

// newUser creates a real user with a hashed password through the service.
func newUser(t *testing.T, env *apitest.Env, email string, role access.Role) auth.User {
	t.Helper()
	u, err := auth.Users{DB: env.DB}.Create(context.Background(), auth.UserInput{Email: email, Role: string(role), Password: password})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func login(env *apitest.Env, email, pw string) *apitest.Resp {
	return env.Post("/api/v1/auth/login", "", map[string]any{"email": email, "password": pw})
}

func TestLoginRefreshLogout(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	newUser(t, env, "Producer@Example.fi", access.RoleProducer)

	var tok auth.TokenResponse
	login(env, "producer@example.fi", password).Expect(http.StatusOK).JSON(&tok)
	if tok.TokenType != "Bearer" || tok.ExpiresIn != 900 || tok.AccessToken == "" || tok.RefreshToken == "" {
		t.Fatalf("token response: %+v", tok)
	}
	me := env.Get("/api/v1/me", tok.AccessToken).Expect(http.StatusOK).Map()
	if me["role"] != "producer" || me["email"] != "Producer@Example.fi" {
		t.Fatalf("me: %v", me)
	}

	// Rotation: the new pair works, the old refresh token is spent.
	var next auth.TokenResponse
	env.Post("/api/v1/auth/refresh", "", map[string]any{"refresh_token": tok.RefreshToken}).Expect(http.StatusOK).JSON(&next)
	if next.RefreshToken == tok.RefreshToken {
		t.Fatal("refresh token was not rotated")
	}
	// Reuse of the spent token revokes the whole family, including the new one.
	env.Post("/api/v1/auth/refresh", "", map[string]any{"refresh_token": tok.RefreshToken}).Problem(http.StatusUnauthorized, "unauthorized")
	env.Post("/api/v1/auth/refresh", "", map[string]any{"refresh_token": next.RefreshToken}).Problem(http.StatusUnauthorized, "unauthorized")

	// A fresh login, then logout ends it.
	login(env, "producer@example.fi", password).Expect(http.StatusOK).JSON(&tok)
	env.Post("/api/v1/auth/logout", "", map[string]any{"refresh_token": tok.RefreshToken}).Expect(http.StatusNoContent)
	env.Post("/api/v1/auth/refresh", "", map[string]any{"refresh_token": tok.RefreshToken}).Problem(http.StatusUnauthorized, "unauthorized")

	// Refresh tokens are stored only as hashes.
	var plain int64
	env.DB.Table("refresh_tokens").Where("token_hash = ?", []byte(tok.RefreshToken)).Count(&plain)
	if plain != 0 {
		t.Fatal("a refresh token is stored in plain text")
	}
}

func TestLoginFailuresAndRateLimit(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	newUser(t, env, "mentor@example.fi", access.RoleViewer)

	login(env, "nobody@example.fi", password).Problem(http.StatusUnauthorized, "unauthorized")
	login(env, "mentor@example.fi", "wrong password!").Problem(http.StatusUnauthorized, "unauthorized")
	r := env.Post("/api/v1/auth/login", "", map[string]any{"email": ""})
	r.Problem(http.StatusUnprocessableEntity, "validation")
	env.CheckBadBodies("POST", "/api/v1/auth/login", "", map[string]any{"email": "a@b.fi", "password": "x"})

	// Five failures lock the account for the window, even with the right password.
	for range 4 {
		login(env, "mentor@example.fi", "wrong password!").Problem(http.StatusUnauthorized, "unauthorized")
	}
	limited := login(env, "mentor@example.fi", password)
	limited.Problem(http.StatusTooManyRequests, "rate-limited")
	if limited.Header.Get("Retry-After") == "" {
		t.Fatal("429 without Retry-After")
	}
	// The limit lives in the database, so every API process sees it.
	var n int64
	env.DB.Table("login_failures").Count(&n)
	if n < 5 {
		t.Fatalf("login failures recorded: %d", n)
	}
}

func TestDisabledUserCannotSignInOrRefresh(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	u := newUser(t, env, "viewer@example.fi", access.RoleViewer)
	admin := env.Token(access.RoleAdmin)
	var tok auth.TokenResponse
	login(env, "viewer@example.fi", password).Expect(http.StatusOK).JSON(&tok)

	env.Patch("/api/v1/users/"+u.ID.String(), admin, map[string]any{"active": false}, `"1"`).Expect(http.StatusOK)
	login(env, "viewer@example.fi", password).Problem(http.StatusUnauthorized, "unauthorized")
	env.Post("/api/v1/auth/refresh", "", map[string]any{"refresh_token": tok.RefreshToken}).Problem(http.StatusUnauthorized, "unauthorized")
}

func TestBadCredentialsAreRefused(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	env.CheckBadTokens("GET", "/api/v1/me")
	env.CheckBadTokens("GET", "/api/v1/units")
	env.Do(apitest.Req{Method: "GET", Path: "/api/v1/me", Header: map[string]string{"Authorization": "Basic YWRtaW46YWRtaW4="}}).
		Problem(http.StatusUnauthorized, "unauthorized")
}

func TestUsersAdmin(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	admin := env.Token(access.RoleAdmin)
	dep := env.Department()
	unit := env.Unit()

	mgr := env.Post("/api/v1/users", admin, map[string]any{"email": "sari@example.fi", "name": "Sari", "role": "manager",
		"department_id": dep, "password": password}).Expect(http.StatusCreated).Map()
	if mgr["department_id"] != dep.String() || mgr["password_hash"] != nil || mgr["password"] != nil {
		t.Fatalf("manager: %v", mgr)
	}
	env.Post("/api/v1/users", admin, map[string]any{"email": "SARI@example.fi", "role": "viewer", "password": password}).
		Problem(http.StatusConflict, "conflict")

	tests := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"manager without department", map[string]any{"email": "m@x.fi", "role": "manager", "password": password}, []string{"department_id"}},
		{"mentor without units", map[string]any{"email": "m@x.fi", "role": "mentor", "password": password}, []string{"unit_ids"}},
		{"viewer with units", map[string]any{"email": "m@x.fi", "role": "viewer", "unit_ids": []string{unit.String()}, "password": password}, []string{"unit_ids"}},
		{"short password", map[string]any{"email": "m@x.fi", "role": "viewer", "password": "short"}, []string{"password"}},
		{"bad email", map[string]any{"email": "not-an-email", "role": "viewer", "password": password}, []string{"email"}},
		{"bad role", map[string]any{"email": "m@x.fi", "role": "root", "password": password}, []string{"role"}},
		{"unknown unit", map[string]any{"email": "m@x.fi", "role": "mentor", "unit_ids": []string{"01890000-0000-7000-8000-000000000000"}, "password": password}, []string{"unit_ids"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := env.Post("/api/v1/users", admin, tc.body)
			r.Problem(http.StatusUnprocessableEntity, "validation")
			if got := r.FieldErrors(); len(got) != len(tc.fields) || got[0] != tc.fields[0] {
				t.Fatalf("fields %v, want %v", got, tc.fields)
			}
		})
	}

	mentor := env.Post("/api/v1/users", admin, map[string]any{"email": "maija@example.fi", "role": "mentor",
		"unit_ids": []string{unit.String(), unit.String()}, "password": password}).Expect(http.StatusCreated)
	if units := mentor.Map()["unit_ids"].([]any); len(units) != 1 {
		t.Fatalf("unit ids not deduplicated: %v", units)
	}
	var list struct {
		Items []map[string]any `json:"items"`
		Total int              `json:"total"`
	}
	env.Get("/api/v1/users?role=mentor", admin).Expect(http.StatusOK).JSON(&list)
	if list.Total != 1 || len(list.Items[0]["unit_ids"].([]any)) != 1 {
		t.Fatalf("mentor list: %+v", list)
	}
	env.Patch("/api/v1/users/"+mentor.ID(), admin, map[string]any{"role": "viewer", "unit_ids": []string{}}, `"1"`).Expect(http.StatusOK)
	env.Patch("/api/v1/users/"+mentor.ID(), admin, map[string]any{"name": "late"}, `"1"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
	env.CheckBadBodies("POST", "/api/v1/users", admin, map[string]any{"email": "x@y.fi", "role": "viewer", "password": password})
}

func TestAPITokens(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	admin := env.Token(access.RoleAdmin)
	created := env.Post("/api/v1/api-tokens", admin, map[string]any{"name": "Event portal", "scopes": []string{"org:read", "calendar:read"}}).
		Expect(http.StatusCreated).Map()
	secret := created["token"].(string)
	id := created["id"].(string)

	// The secret is shown once: later reads never carry it.
	again := env.Get("/api/v1/api-tokens/"+id, admin).Expect(http.StatusOK).Map()
	if _, ok := again["token"]; ok {
		t.Fatal("the secret is shown again")
	}
	me := env.Get("/api/v1/me", secret).Expect(http.StatusOK).Map()
	if len(me["scopes"].([]any)) != 2 {
		t.Fatalf("token scopes: %v", me["scopes"])
	}
	env.Get("/api/v1/units", secret).Expect(http.StatusOK)
	// Tokens never manage users or tokens, whatever their scopes.
	env.Get("/api/v1/users", secret).Problem(http.StatusForbidden, "forbidden")
	env.Post("/api/v1/departments", secret, map[string]any{"name": "D", "code": "C", "kind": "other", "organisation": "O"}).
		Problem(http.StatusForbidden, "forbidden")

	env.Delete("/api/v1/api-tokens/"+id, admin, "").Expect(http.StatusOK)
	env.Get("/api/v1/units", secret).Problem(http.StatusUnauthorized, "unauthorized")

	for _, body := range []map[string]any{
		{"name": "x", "scopes": []string{"everything"}},
		{"name": "x", "scopes": []string{}},
		{"name": "", "scopes": []string{"org:read"}},
		{"name": "x", "scopes": []string{"org:read"}, "expires_at": "2001-01-01T00:00:00Z"},
	} {
		env.Post("/api/v1/api-tokens", admin, body).Problem(http.StatusUnprocessableEntity, "validation")
	}
}

func TestAuthPolicyMatrix(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit := env.Unit()
	tokens := map[access.Role]string{}
	for _, r := range access.Roles {
		var opts []apitest.UserOpt
		if r == access.RoleMentor {
			opts = append(opts, apitest.WithUnits(unit))
		}
		tokens[r] = env.Token(r, opts...)
	}
	routes := []struct{ method, path string }{
		{"GET", "/api/v1/users"},
		{"GET", "/api/v1/api-tokens"},
		{"GET", "/api/v1/audit-events"},
	}
	for _, rt := range routes {
		for _, role := range access.Roles {
			want := http.StatusForbidden
			if role == access.RoleAdmin {
				want = http.StatusOK
			}
			if r := env.Do(apitest.Req{Method: rt.method, Path: rt.path, Token: tokens[role]}); r.Status != want {
				t.Errorf("%s %s as %s: %d, want %d", rt.method, rt.path, role, r.Status, want)
			}
		}
	}
	for _, role := range access.Roles {
		env.Get("/api/v1/me", tokens[role]).Expect(http.StatusOK)
	}
}

func TestLocale(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	admin := env.Token(access.RoleAdmin)

	// Created without a locale: Finnish. With one: kept. The CHECK in the
	// database refuses anything else even when Go is bypassed.
	fi := env.Post("/api/v1/users", admin, map[string]any{"email": "fi@example.fi", "role": "viewer", "password": password}).
		Expect(http.StatusCreated).Map()
	if fi["locale"] != "fi" {
		t.Fatalf("default locale: %v", fi["locale"])
	}
	sv := env.Post("/api/v1/users", admin, map[string]any{"email": "sv@example.fi", "role": "viewer", "password": password, "locale": "sv"}).
		Expect(http.StatusCreated)
	if sv.Map()["locale"] != "sv" {
		t.Fatalf("locale: %v", sv.Map())
	}
	r := env.Post("/api/v1/users", admin, map[string]any{"email": "de@example.fi", "role": "viewer", "password": password, "locale": "de"})
	r.Problem(http.StatusUnprocessableEntity, "validation")
	if f := r.FieldErrors(); len(f) != 1 || f[0] != "locale" {
		t.Fatalf("fields: %v", f)
	}
	if err := env.DB.Exec("UPDATE users SET locale = 'de' WHERE email = 'fi@example.fi'").Error; err == nil {
		t.Fatal("the database accepted locale 'de'")
	}

	// Server-written documents read the language through Users.Lang.
	users := auth.Users{DB: env.DB}
	for id, want := range map[string]l10n.Lang{sv.ID(): l10n.SV, fi["id"].(string): l10n.FI, "01890000-0000-7000-8000-000000000000": l10n.FI} {
		if got, err := users.Lang(context.Background(), uuid.MustParse(id)); err != nil || got != want {
			t.Errorf("Lang(%s) = %q, %v; want %q", id, got, err, want)
		}
	}

	// An admin changes a user's language.
	env.Patch("/api/v1/users/"+sv.ID(), admin, map[string]any{"locale": "en"}, `"1"`).Expect(http.StatusOK)
	env.Patch("/api/v1/users/"+sv.ID(), admin, map[string]any{"locale": "xx"}, "").Problem(http.StatusUnprocessableEntity, "validation")
	if got := env.Get("/api/v1/users/"+sv.ID(), admin).Expect(http.StatusOK).Map()["locale"]; got != "en" {
		t.Fatalf("after admin patch: %v", got)
	}

	// A user changes their own: every role may, the audit log records it,
	// a stale If-Match is 412, an unknown field or value is 422.
	for _, role := range access.Roles {
		var opts []apitest.UserOpt
		if role == access.RoleMentor {
			opts = append(opts, apitest.WithUnits(env.Unit()))
		}
		u := env.UserWith(role, opts...)
		if got := env.Get("/api/v1/me", u.Token).Expect(http.StatusOK).Map()["locale"]; got != "fi" {
			t.Fatalf("%s: me locale %v", role, got)
		}
		me := env.Patch("/api/v1/me", u.Token, map[string]any{"locale": "sv"}, `"1"`).Expect(http.StatusOK)
		if me.Map()["locale"] != "sv" || me.ETag() != `"2"` {
			t.Fatalf("%s: patch me: %v %s", role, me.Map(), me.ETag())
		}
		if got := env.Get("/api/v1/me", u.Token).Expect(http.StatusOK).Map()["locale"]; got != "sv" {
			t.Fatalf("%s: me locale after patch %v", role, got)
		}
		env.Patch("/api/v1/me", u.Token, map[string]any{"locale": "en"}, `"1"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
		r := env.Patch("/api/v1/me", u.Token, map[string]any{"locale": "se"}, "")
		r.Problem(http.StatusUnprocessableEntity, "validation")
		if f := r.FieldErrors(); len(f) != 1 || f[0] != "locale" {
			t.Fatalf("fields: %v", f)
		}
		// Only the language is the user's own to change.
		env.Patch("/api/v1/me", u.Token, map[string]any{"role": "admin"}, "").Problem(http.StatusUnprocessableEntity, "validation")
		n := env.AuditCount("action = 'user.update' AND entity_id = ? AND actor_id = ?", u.ID, u.ID)
		if n != 1 {
			t.Fatalf("%s: audit events %d", role, n)
		}
	}
	env.CheckBadBodies("PATCH", "/api/v1/me", env.Token(access.RoleViewer), map[string]any{"locale": "en"})
	env.CheckBadTokens("PATCH", "/api/v1/me")

	// An API token cannot change its owner's language.
	tok := env.APIToken(access.ScopeOrgRead)
	env.Patch("/api/v1/me", tok, map[string]any{"locale": "en"}, "").Problem(http.StatusForbidden, "forbidden")
}
