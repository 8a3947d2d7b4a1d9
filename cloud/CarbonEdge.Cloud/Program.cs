using CarbonEdge.Cloud.Cli;

return await CloudCommand.Create().Parse(args).InvokeAsync();
