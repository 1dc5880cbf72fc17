using ActorCloud.Cli;

// The tool's entry point: everything lives in CliApp so tests can run it in-process with captured output.
return await CliApp.RunAsync(args, Console.Out, Console.Error);
