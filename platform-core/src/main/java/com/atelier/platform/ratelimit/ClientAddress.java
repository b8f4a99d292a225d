package com.atelier.platform.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client address a request is counted under: the remote address Tomcat reports (set
 * {@code server.forward-headers-strategy=native} and trust only your proxies when behind
 * one), IPv4 as is, IPv6 by its /64 prefix, the block one subscriber usually holds.
 */
public final class ClientAddress {

	private ClientAddress() {
	}

	public static String key(HttpServletRequest request) {
		return key(request.getRemoteAddr());
	}

	/**
	 * @param address an IP address literal
	 * @return the key it is counted under
	 */
	public static String key(String address) {
		if (address.indexOf(':') < 0) {
			return address;
		}
		try {
			InetAddress parsed = InetAddress.getByName(address);
			if (parsed instanceof Inet6Address v6) {
				byte[] bytes = v6.getAddress();
				StringBuilder prefix = new StringBuilder();
				for (int i = 0; i < 8; i += 2) {
					prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
				}
				return prefix.append(":/64").toString();
			}
			return parsed.getHostAddress();
		}
		catch (UnknownHostException ex) {
			// Not a literal (cannot happen for a remote address): count it as it is.
			return address;
		}
	}

}
