using CarbonEdge.Edge.Cli;

return await CedgeCommand.Create().Parse(args).InvokeAsync();
