Console.WriteLine(AppContext.BaseDirectory);
