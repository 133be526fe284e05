// Placeholder entry point; the operator's commands are built in src/Booster.Operator.
return 0;
