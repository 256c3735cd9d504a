using Tally.Server.Hosting;

var app = TallyServer.Build(args);
app.Run();
