# API Gateway HTTP API in front of the console's Lambda: the pages and their scripts (no data in them) are open, every
# /api/* route needs a valid access token of the console's user pool. API Gateway checks the token's issuer, expiry
# and audience: the access tokens Cognito issues carry no aud, so the client_id claim must name the browser client
# ("Troubleshooting issues with HTTP API JWT authorizers", Amazon API Gateway Developer Guide).

locals {
  issuer = "https://cognito-idp.${var.region}.amazonaws.com/${aws_cognito_user_pool.this.id}"

  # Open: the pages, their scripts and styles, and the sign-in callback, each its own route, which API Gateway
  # prefers to $default ("Create routes for HTTP APIs", routing API requests: a full match of route and method
  # first, then a greedy path variable, then $default). Everything else, /api/* included, reaches the
  # function only through $default, which needs a token: a new endpoint is closed until listed here.
  open_routes = concat([for page in var.pages : "GET ${page}"], ["GET /app/{proxy+}", "GET /auth/callback"])
}

resource "aws_apigatewayv2_api" "this" {
  name          = "${var.name_prefix}-console"
  protocol_type = "HTTP"
  description   = "The lake console: pages open, everything else (the API) behind the console user pool's JWT."
  tags          = var.tags
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.this.id
  name             = "${var.name_prefix}-console-users"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = local.issuer
    audience = [aws_cognito_user_pool_client.browser.id]
  }
}

# Payload 2.0 is what LambdaServer's bridge reads (lambdas/Lake.LambdaRuntime.AspNetCore); 29 s leaves API Gateway's
# 30 s limit to answer, which is why queries are started and then polled.
resource "aws_apigatewayv2_integration" "console" {
  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_uri        = var.function_invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 29000
}

resource "aws_apigatewayv2_route" "open" {
  for_each = toset(local.open_routes)

  api_id             = aws_apigatewayv2_api.this.id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.console.id}"
  authorization_type = "NONE"
}

resource "aws_apigatewayv2_route" "signed_in" {
  api_id             = aws_apigatewayv2_api.this.id
  route_key          = "$default"
  target             = "integrations/${aws_apigatewayv2_integration.console.id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${var.name_prefix}-console"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_kms_key_arn
  tags              = var.tags
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit  = var.throttling_rate_limit
    throttling_burst_limit = var.throttling_burst_limit
  }

  # Who asked for what and the answer; never a header or a body, so no token reaches the log.
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId = "$context.requestId", time = "$context.requestTime", ip = "$context.identity.sourceIp",
      route     = "$context.routeKey", status = "$context.status", latencyMs = "$context.responseLatency",
      user      = "$context.authorizer.claims.sub", authError = "$context.authorizer.error", integrationError = "$context.integrationErrorMessage",
    })
  }

  tags = var.tags
}

# Only this API, through its own routes, may invoke the function.
resource "aws_lambda_permission" "api" {
  statement_id  = "AllowConsoleApi"
  action        = "lambda:InvokeFunction"
  function_name = var.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/*"
}
