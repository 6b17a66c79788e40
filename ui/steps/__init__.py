"""One page per on-site step; `page_for` picks the page of a step key."""
