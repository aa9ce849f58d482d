using Arc.Cli;

using var cancellation = new CancellationTokenSource();
// First Ctrl-C cancels the running command cleanly; commands decide what consistent state means.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await ArcApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
