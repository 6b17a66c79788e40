"""Several laptops, one evaluation: member files, returns, and a merge that loses nothing."""
