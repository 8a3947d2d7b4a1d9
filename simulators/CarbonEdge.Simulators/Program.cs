using CarbonEdge.Simulators.Cli;

return await SimCommand.Create().Parse(args).InvokeAsync();
