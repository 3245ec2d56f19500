global using System.Security.Claims;
global using CloudMart.Platform.Http;
global using CloudMart.Platform.Persistence;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.AspNetCore.Mvc;
