output "url" {
  description = "The console's address: open it, sign in on Cognito's page, and the pages call /api/* with the access token."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "user_pool_id" {
  description = "The console's user pool; add people with `aws cognito-idp admin-create-user` (nobody can sign up)."
  value       = aws_cognito_user_pool.this.id
}

output "client_id" {
  description = "The browser's public client id (no secret), which the pages use for the code flow with PKCE."
  value       = aws_cognito_user_pool_client.browser.id
}

output "auth_domain" {
  description = "Cognito's hosted sign-in domain."
  value       = "${aws_cognito_user_pool_domain.this.domain}.auth.${var.region}.amazoncognito.com"
}

output "issuer" {
  description = "The JWT issuer the authorizer trusts."
  value       = local.issuer
}

output "routes" {
  description = "Per route key, its authorization type and authorizer: the open pages and assets NONE, $default JWT."
  value = merge(
    { for k, r in aws_apigatewayv2_route.open : k => { authorization_type = r.authorization_type, authorizer_id = r.authorizer_id } },
    { (aws_apigatewayv2_route.signed_in.route_key) = { authorization_type = aws_apigatewayv2_route.signed_in.authorization_type, authorizer_id = aws_apigatewayv2_route.signed_in.authorizer_id } },
  )
}

output "invoked_function" {
  description = "What the API calls: the integration's target (the function's invoke ARN) and the function its permission names."
  value = {
    invoke_arn    = aws_apigatewayv2_integration.console.integration_uri
    function_name = aws_lambda_permission.api.function_name
  }
}
