"""Demo sessions: throwaway copies of two Spanish template bakeries, no account needed."""
