package access

// Decision is one action a resource offers and the policy decisions that
// guard its route: the action is allowed when every decision is nil.
type Decision struct {
	Action string
	Errs   []error
}

// Can names an action and the decisions of the policy functions that guard
// it (the route's own, then the row's), e.g.
// access.Can("update", canProposeActivities(p), canChangeActivity(p, a, same)).
func Can(action string, decisions ...error) Decision {
	return Decision{Action: action, Errs: decisions}
}

// Actions lists, in order, the actions whose decisions all allow: a
// resource's allowed_actions. It is never nil, so a response carries [] when
// nothing is allowed (and a response built without a caller, such as an audit
// log view, leaves the field out: `json:"allowed_actions,omitzero"`).
func Actions(decisions ...Decision) []string {
	out := make([]string, 0, len(decisions))
	for _, d := range decisions {
		if allowed(d.Errs) {
			out = append(out, d.Action)
		}
	}
	return out
}

func allowed(errs []error) bool {
	for _, err := range errs {
		if err != nil {
			return false
		}
	}
	return true
}
