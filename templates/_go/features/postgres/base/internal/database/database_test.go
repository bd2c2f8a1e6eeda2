package database

import (
	"strings"
	"testing"
)

func env(values map[string]string) func(string) string {
	return func(name string) string { return values[name] }
}

func TestConfigFromEnv(t *testing.T) {
	const url = "postgres://app@db:5432/app"
	for _, tc := range []struct {
		what string
		env  map[string]string
		max  int32
	}{
		{"a server: the default pool", map[string]string{"DATABASE_URL": url}, DefaultPoolMax},
		{"a server: DATABASE_POOL_MAX", map[string]string{"DATABASE_URL": url, "DATABASE_POOL_MAX": "3"}, 3},
		{"Lambda: one connection per instance", map[string]string{"DATABASE_URL": url, "AWS_LAMBDA_FUNCTION_NAME": "api"}, 1},
	} {
		config, err := ConfigFromEnv(env(tc.env))
		if err != nil || config.URL != url || config.MaxConns != tc.max {
			t.Errorf("%s: %+v, %v; want MaxConns %d", tc.what, config, err, tc.max)
		}
	}
}

func TestConfigFromEnvRefusesWhatItCannotUse(t *testing.T) {
	if _, err := ConfigFromEnv(env(nil)); err == nil || !strings.Contains(err.Error(), "DATABASE_URL is not set") {
		t.Errorf("no DATABASE_URL: %v", err)
	}
	for _, bad := range []string{"0", "-1", "ten", "1.5", "99999999999"} {
		_, err := ConfigFromEnv(env(map[string]string{"DATABASE_URL": "postgres://db/app", "DATABASE_POOL_MAX": bad}))
		if err == nil || !strings.Contains(err.Error(), "DATABASE_POOL_MAX") {
			t.Errorf("DATABASE_POOL_MAX=%q: %v, want an error naming it", bad, err)
		}
	}
}
