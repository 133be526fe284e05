return Booster.Operator.Cli.Run(args, Console.In, Console.Out, Console.Error);
