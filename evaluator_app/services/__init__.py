"""Operations the command line and the GUI share: one function per user action."""
